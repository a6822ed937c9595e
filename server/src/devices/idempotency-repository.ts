import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql, toSqlDateTime } from '../platform/db/sql-time';

export interface IdempotencyRecord {
  requestHash: string;
  state: 'running' | 'done';
  responseStatus: number | null;
  responseBody: string | null;
  lockedUntil: string;
}

/** Stored answers per (device, Idempotency-Key), kept at least 24 h (design.md "Interfaces"). */
export class IdempotencyRepository {
  constructor(private readonly knex: Knex) {}

  /** Claim a key for a new run; false when the key already exists. */
  async claim(
    deviceId: string,
    key: string,
    requestHash: string,
    lockedUntil: Date,
  ): Promise<boolean> {
    try {
      await this.knex('idempotency_keys').insert({
        device_id: deviceId,
        idempotency_key: key,
        request_hash: requestHash,
        state: 'running',
        locked_until: toSqlDateTime(lockedUntil),
        created_at: nowSql(),
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY: the key is known.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async find(deviceId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.knex('idempotency_keys')
      .where({ device_id: deviceId, idempotency_key: key })
      .first();
    if (!row) return undefined;
    return {
      requestHash: row.request_hash,
      state: row.state,
      responseStatus: row.response_status,
      responseBody: row.response_body,
      lockedUntil: String(row.locked_until),
    };
  }

  /** Take over a run whose lease ran out (its process died); only one taker wins. */
  async takeOver(
    deviceId: string,
    key: string,
    previousLock: string,
    lockedUntil: Date,
  ): Promise<boolean> {
    const updated = await this.knex('idempotency_keys')
      .where({
        device_id: deviceId,
        idempotency_key: key,
        state: 'running',
        locked_until: previousLock,
      })
      .update({ locked_until: toSqlDateTime(lockedUntil) });
    return updated === 1;
  }

  async complete(deviceId: string, key: string, status: number, body: string): Promise<void> {
    await this.knex('idempotency_keys')
      .where({ device_id: deviceId, idempotency_key: key })
      .update({ state: 'done', response_status: status, response_body: body });
  }

  async release(deviceId: string, key: string): Promise<void> {
    await this.knex('idempotency_keys')
      .where({ device_id: deviceId, idempotency_key: key, state: 'running' })
      .delete();
  }

  async pruneOlderThan(before: Date): Promise<number> {
    return this.knex('idempotency_keys').where('created_at', '<', toSqlDateTime(before)).delete();
  }
}
