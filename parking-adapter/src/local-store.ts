import fs from 'node:fs';
import path from 'node:path';
import { SealedText, type SealPurpose } from '@memberkit/shared/node';
import Database from 'better-sqlite3';
import type { OfflineRules } from './offline-decisions';

/** A decision as remembered for a repeated push; plate-free (the repeat carries its plate). */
export interface RememberedReply {
  kind: 'live' | 'cached';
  open: boolean;
  reason: string;
  display: string[];
  voice: string;
}

/** A camera read waiting to reach the server, with what the barrier did. */
export interface QueuedEvent {
  cameraSerial: string;
  recordId: number;
  occurredAt: number;
  /** occurredAt is the adapter's receive time: the camera's own was implausible. */
  cameraClockOff?: boolean;
  plate: string | null;
  confidence?: number;
  cameraOffline?: boolean;
  outcome?: { opened: boolean };
}

/** A refused event as the adapter's status shows it: no plate, only the record's key. */
export interface DeadLetter {
  eventKey: string;
  error: string;
  attempts: number;
  queuedAt: string;
}

export interface OutboxRow {
  id: number;
  eventKey: string;
  event: QueuedEvent;
  attempts: number;
}

/** Queued reads hold plates. Changing either string makes every outbox already on disk unreadable. */
const OUTBOX_SEAL: SealPurpose = {
  keyInfo: 'parking-adapter:outbox',
  associatedData: 'parking-adapter.outbox',
};

/**
 * The adapter's own SQLite file (better-sqlite3, a real file that survives restarts): offline
 * rules, camera records already seen, and the outbox. Queued reads hold plates, so they are
 * stored encrypted (AES-256-GCM) under a key derived from the device secret; the rules hold
 * only keyed hashes.
 */
export class LocalStore {
  private readonly db: Database.Database;
  private readonly sealed: SealedText;

  constructor(file: string, deviceSecret: string) {
    if (file !== ':memory:') createPrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.sealed = new SealedText(deviceSecret, OUTBOX_SEAL);
    this.migrate();
  }

  private migrate(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS seen_records (
        serial TEXT NOT NULL, record_id INTEGER NOT NULL, camera_sec INTEGER NOT NULL,
        reply TEXT NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (serial, record_id));
      CREATE INDEX IF NOT EXISTS seen_records_seen_at ON seen_records (seen_at);
      CREATE TABLE IF NOT EXISTS outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, event_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL, queued_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT, failed INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS offline_rules (
        id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL, fetched_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
  }

  /** The remembered reply of a record, when the camera time is the same record's. */
  seen(
    serial: string,
    recordId: number,
  ): { cameraSec: number; reply: RememberedReply } | undefined {
    const row = this.db
      .prepare('SELECT camera_sec, reply FROM seen_records WHERE serial = ? AND record_id = ?')
      .get(serial, recordId) as { camera_sec: number; reply: string } | undefined;
    return row ? { cameraSec: row.camera_sec, reply: JSON.parse(row.reply) } : undefined;
  }

  remember(serial: string, recordId: number, cameraSec: number, reply: RememberedReply): void {
    this.db
      .prepare(
        `INSERT INTO seen_records (serial, record_id, camera_sec, reply, seen_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (serial, record_id) DO UPDATE SET
           camera_sec = excluded.camera_sec, reply = excluded.reply, seen_at = excluded.seen_at`,
      )
      .run(serial, recordId, cameraSec, JSON.stringify(reply), Date.now());
  }

  forgetSeenBefore(before: number): number {
    return this.db.prepare('DELETE FROM seen_records WHERE seen_at < ?').run(before).changes;
  }

  /** Queue once per record: a record queued already stays where it is in the order. */
  enqueue(eventKey: string, event: QueuedEvent): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO outbox (event_key, payload, queued_at) VALUES (?, ?, ?)
         ON CONFLICT (event_key) DO NOTHING`,
      )
      .run(eventKey, this.sealed.seal(JSON.stringify(event)), Date.now());
    return result.changes === 1;
  }

  /** The oldest event still to send (failed ones are set aside and do not block the rest). */
  oldest(): OutboxRow | undefined {
    const row = this.db
      .prepare(
        'SELECT id, event_key, payload, attempts FROM outbox WHERE failed = 0 ORDER BY id LIMIT 1',
      )
      .get() as { id: number; event_key: string; payload: string; attempts: number } | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      eventKey: row.event_key,
      event: JSON.parse(this.sealed.open(row.payload)) as QueuedEvent,
      attempts: row.attempts,
    };
  }

  /** Every event still to send, oldest first (to know which cars have events waiting). */
  pendingEvents(): QueuedEvent[] {
    const rows = this.db
      .prepare('SELECT payload FROM outbox WHERE failed = 0 ORDER BY id')
      .all() as Array<{ payload: string }>;
    return rows.map((row) => JSON.parse(this.sealed.open(row.payload)) as QueuedEvent);
  }

  /** Delivered: the read leaves this disk (it holds a plate). */
  delivered(id: number): void {
    this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
    this.increment('replayed');
  }

  retryLater(id: number, error: string): void {
    this.db
      .prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?')
      .run(error.slice(0, 200), id);
  }

  /** The server refused it for good (e.g. older than 72 h): kept aside for staff, not retried. */
  setAside(id: number, error: string): void {
    this.db
      .prepare('UPDATE outbox SET failed = 1, last_error = ?, attempts = attempts + 1 WHERE id = ?')
      .run(error.slice(0, 200), id);
  }

  /** Refused by the server for good on its first sending: kept aside at once, never dropped. */
  deadLetter(eventKey: string, event: QueuedEvent, error: string): void {
    this.db
      .prepare(
        `INSERT INTO outbox (event_key, payload, queued_at, attempts, last_error, failed)
         VALUES (?, ?, ?, 1, ?, 1)
         ON CONFLICT (event_key) DO NOTHING`,
      )
      .run(eventKey, this.sealed.seal(JSON.stringify(event)), Date.now(), error.slice(0, 200));
  }

  /** The events set aside (dead letters), newest first, for the status page and staff. */
  deadLetters(limit = 50): DeadLetter[] {
    const rows = this.db
      .prepare(
        `SELECT event_key, last_error, attempts, queued_at FROM outbox WHERE failed = 1
         ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as Array<{
      event_key: string;
      last_error: string | null;
      attempts: number;
      queued_at: number;
    }>;
    return rows.map((row) => ({
      eventKey: row.event_key,
      error: row.last_error ?? '',
      attempts: row.attempts,
      queuedAt: new Date(row.queued_at).toISOString(),
    }));
  }

  backlog(): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE failed = 0').get() as {
      n: number;
    };
    return row.n;
  }

  setAsideCount(): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE failed = 1').get() as {
      n: number;
    };
    return row.n;
  }

  counter(name: string): number {
    const row = this.db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as
      { value: number } | undefined;
    return row?.value ?? 0;
  }

  saveRules(rules: OfflineRules): void {
    this.db
      .prepare(
        `INSERT INTO offline_rules (id, body, fetched_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at`,
      )
      .run(JSON.stringify(rules), Date.now());
  }

  loadRules(): OfflineRules | undefined {
    const row = this.db.prepare('SELECT body FROM offline_rules WHERE id = 1').get() as
      { body: string } | undefined;
    return row ? (JSON.parse(row.body) as OfflineRules) : undefined;
  }

  close(): void {
    this.db.close();
  }

  private increment(name: string): void {
    this.db
      .prepare(
        `INSERT INTO counters (name, value) VALUES (?, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1`,
      )
      .run(name);
  }
}

/**
 * Queued reads hold plates (sealed, but still): the file is created readable by this user only,
 * like the other data files; SQLite creates its -wal and -shm with the main file's mode. Files
 * left readable by an earlier version are narrowed too.
 */
function createPrivateFile(file: string): void {
  const resolved = path.resolve(file);
  fs.mkdirSync(path.dirname(resolved), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(resolved, 'a', 0o600));
  for (const part of [resolved, `${resolved}-wal`, `${resolved}-shm`])
    if (fs.existsSync(part)) fs.chmodSync(part, 0o600);
}
