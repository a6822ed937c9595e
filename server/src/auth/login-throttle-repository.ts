import type { Knex } from 'knex';
import { fromSqlDateTime, toSqlDateTime } from '../platform/db/sql-time';

export type ThrottleScope = 'account' | 'client';

export interface ThrottleRule {
  attempts: number;
  windowSeconds: number;
  lockSeconds: number;
}

/**
 * Attempt counters, one row per (scope, subject hash). Every change is one conditional UPDATE,
 * so tries sent at once are counted one by one on SQLite and MySQL alike (read-then-write
 * would let them all through).
 */
export class LoginThrottleRepository {
  constructor(private readonly knex: Knex) {}

  /** Count one try; `undefined` when allowed, else the seconds until the lock ends. */
  async claim(
    scope: ThrottleScope,
    subjectHash: string,
    rule: ThrottleRule,
    now: Date,
  ): Promise<number | undefined> {
    const key = { scope, subject_hash: subjectHash };
    const at = toSqlDateTime(now);
    const windowEnd = toSqlDateTime(new Date(now.getTime() + rule.windowSeconds * 1000));
    await this.knex('login_throttle')
      .insert({ ...key, attempts: 0, window_ends_at: windowEnd, locked_until: null })
      .onConflict(['scope', 'subject_hash'])
      .ignore();
    await this.startNewWindowIfOver(key, at, windowEnd);

    const counted = await this.knex('login_throttle')
      .where(key)
      .whereNull('locked_until')
      .andWhere('attempts', '<', rule.attempts)
      .increment('attempts', 1);
    if (counted === 1) return undefined;
    return this.lock(key, rule, now);
  }

  /** A successful try: the account starts again from nothing. */
  async reset(scope: ThrottleScope, subjectHash: string): Promise<void> {
    await this.knex('login_throttle').where({ scope, subject_hash: subjectHash }).delete();
  }

  /** A successful try gives its counted attempt back (the client's count is of failures). */
  async giveBack(scope: ThrottleScope, subjectHash: string): Promise<void> {
    await this.knex('login_throttle')
      .where({ scope, subject_hash: subjectHash })
      .whereNull('locked_until')
      .andWhere('attempts', '>', 0)
      .decrement('attempts', 1);
  }

  /** Rows whose window and lock are both over hold nothing worth keeping. */
  async purgeExpired(now: Date): Promise<number> {
    const at = toSqlDateTime(now);
    return this.knex('login_throttle')
      .where('window_ends_at', '<', at)
      .andWhere((query) => query.whereNull('locked_until').orWhere('locked_until', '<', at))
      .delete();
  }

  private async startNewWindowIfOver(
    key: { scope: string; subject_hash: string },
    at: string,
    windowEnd: string,
  ): Promise<void> {
    await this.knex('login_throttle')
      .where(key)
      .andWhere((query) =>
        query
          .where((locked) => locked.whereNotNull('locked_until').andWhere('locked_until', '<=', at))
          .orWhere((open) => open.whereNull('locked_until').andWhere('window_ends_at', '<=', at)),
      )
      .update({ attempts: 0, window_ends_at: windowEnd, locked_until: null });
  }

  /** The limit is reached: lock now if not yet locked, and say how long the lock lasts. */
  private async lock(
    key: { scope: string; subject_hash: string },
    rule: ThrottleRule,
    now: Date,
  ): Promise<number> {
    const lockedUntil = toSqlDateTime(new Date(now.getTime() + rule.lockSeconds * 1000));
    await this.knex('login_throttle')
      .where(key)
      .whereNull('locked_until')
      .update({ locked_until: lockedUntil });
    const row = await this.knex('login_throttle').where(key).first('locked_until');
    const until = row?.locked_until ? fromSqlDateTime(String(row.locked_until)) : now;
    return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  }
}
