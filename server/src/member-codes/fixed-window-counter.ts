/**
 * Counts events per key in fixed windows, in this process's memory (design.md: rate limits
 * move to Redis when several servers run). Old windows are swept once the map grows, so a
 * stream of distinct keys cannot grow it without bound.
 */
const SWEEP_ABOVE_KEYS = 10_000;

export class FixedWindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one event; true while the key is still within its limit. */
  hit(key: string, now = Date.now()): boolean {
    const window = this.current(key, now);
    if (window) {
      window.count += 1;
      return window.count <= this.limit;
    }
    this.sweep(now);
    this.windows.set(key, { start: now, count: 1 });
    return this.limit >= 1;
  }

  /** True when the key already used up its window, without counting anything. */
  exhausted(key: string, now = Date.now()): boolean {
    const window = this.current(key, now);
    return window !== undefined && window.count >= this.limit;
  }

  /** How long until the key's window ends and it may count again; 0 when it has no window. */
  msUntilReset(key: string, now = Date.now()): number {
    const window = this.current(key, now);
    return window ? window.start + this.windowMs - now : 0;
  }

  private current(key: string, now: number) {
    const window = this.windows.get(key);
    return window && now - window.start < this.windowMs ? window : undefined;
  }

  private sweep(now: number): void {
    if (this.windows.size < SWEEP_ABOVE_KEYS) return;
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
