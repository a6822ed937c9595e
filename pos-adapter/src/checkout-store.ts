import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SealedText, type SealPurpose } from '@memberkit/shared/node';
import Database from 'better-sqlite3';

/**
 * Where one attempt at a sale stands. A new attempt (and a new Idempotency-Key) follows only
 * an attempt that charged nothing and is over: `declined` or `refused`.
 */
export type AttemptState = 'sending' | 'paid' | 'declined' | 'refused' | 'unknown' | 'queued';

export interface Attempt {
  checkoutId: string;
  attempt: number;
  idempotencyKey: string;
  saleFingerprint: string;
  /** The request body exactly as signed and sent, so a retry hashes the same on the server. */
  body: string;
  state: AttemptState;
}

export interface QueuedCheckout {
  id: number;
  checkoutId: string;
  idempotencyKey: string;
  body: string;
  occurredAt: number;
  attempts: number;
}

export interface DeadLetter {
  checkoutId: string;
  errorCode: string;
  occurredAt: string;
  queuedAt: string;
}

export interface ReplayReport {
  at: string;
  sent: number;
  deadLettered: number;
  /** Why the replay stopped before the outbox was empty (network, 5xx, in progress). */
  stoppedBy?: string;
}

/** Design.md "Queued events": the server accepts events up to 72 h old. */
export const MAX_EVENT_AGE_MS = 72 * 3600_000;
// Finished attempts are kept this long, so a till retrying a sale days later gets its answer.
const ATTEMPT_RETENTION_MS = 30 * 86_400_000;

/**
 * Queued checkouts hold member codes and answers hold card numbers (S-5.3a). Changing either
 * string makes every sealed row already on a till unreadable.
 */
const CHECKOUTS_SEAL: SealPurpose = {
  keyInfo: 'pos-adapter:checkouts',
  associatedData: 'pos-adapter.checkouts',
};

/**
 * The adapter's own SQLite file (a real file that survives restarts, permissions 0600): every
 * attempt at a sale with its Idempotency-Key, and the outbox of checkouts that wait for the
 * server. Bodies and answers hold member codes and card numbers, so they are sealed.
 */
export class CheckoutStore {
  private readonly db: Database.Database;
  private readonly sealed: SealedText;
  private readonly fingerprintKey: Buffer;

  constructor(file: string, deviceSecret: string) {
    if (file !== ':memory:') createPrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.sealed = new SealedText(deviceSecret, CHECKOUTS_SEAL);
    this.fingerprintKey = Buffer.from(
      crypto.hkdfSync('sha256', deviceSecret, Buffer.alloc(0), 'pos-adapter:fingerprint', 32),
    );
    this.migrate();
  }

  private migrate(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkout_attempts (
        idempotency_key TEXT PRIMARY KEY, checkout_id TEXT NOT NULL, attempt INTEGER NOT NULL,
        sale_fingerprint TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL,
        answer TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        UNIQUE (checkout_id, attempt));
      CREATE TABLE IF NOT EXISTS outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE,
        checkout_id TEXT NOT NULL, payload TEXT NOT NULL, occurred_at INTEGER NOT NULL,
        queued_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        state TEXT NOT NULL DEFAULT 'pending', settled_at INTEGER);
      CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, id);
      CREATE TABLE IF NOT EXISTS adapter_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  /** A keyed hash of the till's sale, to tell a till retry from a changed sale. */
  fingerprint(sale: unknown): string {
    return crypto
      .createHmac('sha256', this.fingerprintKey)
      .update(JSON.stringify(sale))
      .digest('hex');
  }

  latestAttempt(checkoutId: string): Attempt | undefined {
    const row = this.db
      .prepare(
        `SELECT checkout_id, attempt, idempotency_key, sale_fingerprint, body, state
         FROM checkout_attempts WHERE checkout_id = ? ORDER BY attempt DESC LIMIT 1`,
      )
      .get(checkoutId) as AttemptRow | undefined;
    return row ? this.toAttempt(row) : undefined;
  }

  /** A new attempt with a fresh Idempotency-Key, stored before anything is sent. */
  startAttempt(checkoutId: string, saleFingerprint: string, body: string): Attempt {
    const attempt = (this.latestAttempt(checkoutId)?.attempt ?? 0) + 1;
    const idempotencyKey = `pos:${checkoutId}:${attempt}:${crypto.randomBytes(6).toString('hex')}`;
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO checkout_attempts (idempotency_key, checkout_id, attempt, sale_fingerprint,
           body, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'sending', ?, ?)`,
      )
      .run(idempotencyKey, checkoutId, attempt, saleFingerprint, this.sealed.seal(body), now, now);
    return { checkoutId, attempt, idempotencyKey, saleFingerprint, body, state: 'sending' };
  }

  settleAttempt(idempotencyKey: string, state: AttemptState, answer?: unknown): void {
    this.db
      .prepare(
        `UPDATE checkout_attempts SET state = ?, answer = ?, updated_at = ?
         WHERE idempotency_key = ?`,
      )
      .run(
        state,
        answer === undefined ? null : this.sealed.seal(JSON.stringify(answer)),
        Date.now(),
        idempotencyKey,
      );
  }

  /** Queue an attempt for the server; an attempt already queued keeps its place in the order. */
  enqueue(attempt: Attempt, occurredAt: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO outbox (idempotency_key, checkout_id, payload, occurred_at, queued_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
        )
        .run(
          attempt.idempotencyKey,
          attempt.checkoutId,
          this.sealed.seal(attempt.body),
          occurredAt,
          Date.now(),
        );
      this.settleAttempt(attempt.idempotencyKey, 'queued');
    })();
  }

  /** The oldest checkout still to send; dead letters do not block the rest. */
  nextQueued(): QueuedCheckout | undefined {
    for (;;) {
      const row = this.db
        .prepare(
          `SELECT id, checkout_id, idempotency_key, payload, occurred_at, attempts
           FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1`,
        )
        .get() as OutboxRow | undefined;
      if (!row) return undefined;
      const body = this.openOrUndefined(row.payload);
      if (body !== undefined)
        return {
          id: row.id,
          checkoutId: row.checkout_id,
          idempotencyKey: row.idempotency_key,
          body,
          occurredAt: row.occurred_at,
          attempts: row.attempts,
        };
      // Sealed under another device secret: it cannot be sent as it was; staff must see it.
      this.deadLetter(row.id, 'OUTBOX_ROW_UNREADABLE');
    }
  }

  /** Delivered: the member code leaves this disk; the answer is kept for till retries. */
  markSent(item: QueuedCheckout, state: AttemptState, answer: unknown): void {
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE outbox SET state = 'sent', payload = '', settled_at = ? WHERE id = ?`)
        .run(Date.now(), item.id);
      this.settleAttempt(item.idempotencyKey, state, answer);
    })();
  }

  /** The server refused it for good: kept aside for staff, shown by status, not retried. */
  markDead(item: QueuedCheckout, errorCode: string): void {
    this.db.transaction(() => {
      this.deadLetter(item.id, errorCode);
      this.settleAttempt(item.idempotencyKey, 'refused', { error: { code: errorCode } });
    })();
  }

  retryLater(item: QueuedCheckout, reason: string): void {
    this.db
      .prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?')
      .run(reason.slice(0, 200), item.id);
  }

  backlog(): number {
    return this.count("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'");
  }

  /** Queued checkouts already past the server's 72 h window: flagged for staff, still kept. */
  overdue(now = Date.now()): number {
    return this.count(
      "SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND occurred_at < ?",
      now - MAX_EVENT_AGE_MS,
    );
  }

  deadLetters(): DeadLetter[] {
    const rows = this.db
      .prepare(
        `SELECT checkout_id, last_error, occurred_at, queued_at FROM outbox
         WHERE state = 'dead' ORDER BY id`,
      )
      .all() as Array<{
      checkout_id: string;
      last_error: string;
      occurred_at: number;
      queued_at: number;
    }>;
    return rows.map((row) => ({
      checkoutId: row.checkout_id,
      errorCode: row.last_error,
      occurredAt: new Date(row.occurred_at).toISOString(),
      queuedAt: new Date(row.queued_at).toISOString(),
    }));
  }

  /**
   * Sales the server settled (paid or declined), sent live or from the outbox: a replayed sale
   * settles its attempt too, so the attempts count each sale once. Finished attempts are kept
   * for ATTEMPT_RETENTION_MS, so this counts the sales of that period.
   */
  sentCount(): number {
    return this.count(
      "SELECT COUNT(*) AS n FROM checkout_attempts WHERE state IN ('paid', 'declined')",
    );
  }

  saveReplayReport(report: ReplayReport): void {
    this.db
      .prepare(
        `INSERT INTO adapter_meta (name, value) VALUES ('last_replay', ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      )
      .run(JSON.stringify(report));
  }

  lastReplay(): ReplayReport | undefined {
    const row = this.db
      .prepare("SELECT value FROM adapter_meta WHERE name = 'last_replay'")
      .get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as ReplayReport) : undefined;
  }

  /** Forget finished attempts past their retention; queued ones stay until they are sent. */
  pruneAttempts(now = Date.now()): number {
    return this.db
      .prepare(
        `DELETE FROM checkout_attempts WHERE updated_at < ? AND state <> 'queued'
         AND idempotency_key NOT IN (SELECT idempotency_key FROM outbox WHERE state = 'pending')`,
      )
      .run(now - ATTEMPT_RETENTION_MS).changes;
  }

  close(): void {
    this.db.close();
  }

  private deadLetter(id: number, errorCode: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'dead', last_error = ?, attempts = attempts + 1,
           settled_at = ? WHERE id = ?`,
      )
      .run(errorCode.slice(0, 200), Date.now(), id);
  }

  private count(sql: string, ...values: unknown[]): number {
    return (this.db.prepare(sql).get(...values) as { n: number }).n;
  }

  private openOrUndefined(sealed: string): string | undefined {
    try {
      return this.sealed.open(sealed);
    } catch {
      return undefined;
    }
  }

  private toAttempt(row: AttemptRow): Attempt {
    return {
      checkoutId: row.checkout_id,
      attempt: row.attempt,
      idempotencyKey: row.idempotency_key,
      saleFingerprint: row.sale_fingerprint,
      body: this.openOrUndefined(row.body) ?? '',
      state: row.state,
    };
  }
}

interface AttemptRow {
  checkout_id: string;
  attempt: number;
  idempotency_key: string;
  sale_fingerprint: string;
  body: string;
  state: AttemptState;
}

interface OutboxRow {
  id: number;
  checkout_id: string;
  idempotency_key: string;
  payload: string;
  occurred_at: number;
  attempts: number;
}

/** The file is created readable by this user only; SQLite gives its WAL the same mode. */
function createPrivateFile(file: string): void {
  const resolved = path.resolve(file);
  fs.mkdirSync(path.dirname(resolved), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(resolved, 'a', 0o600));
  fs.chmodSync(resolved, 0o600);
}
