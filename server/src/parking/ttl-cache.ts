/**
 * A per-process read cache whose entries live a fixed time on an injected clock. Several
 * servers run behind a load balancer (design.md), and a change made through one of them is not
 * seen by the caches of the others: the time to live is the bound on how long they disagree.
 * Misses are not kept, so a row created on another server is found at its first lookup.
 */
export class TtlCache<Key, Value> {
  private readonly entries = new Map<Key, { value: Value; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  async get(key: Key, load: () => Promise<Value | undefined>): Promise<Value | undefined> {
    const now = this.clock();
    const entry = this.entries.get(key);
    if (entry && entry.until > now) return entry.value;

    const value = await load();
    if (value === undefined) this.entries.delete(key);
    else this.entries.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  /** This server changed the row: its own next read goes to the database. */
  forget(key: Key): void {
    this.entries.delete(key);
  }
}
