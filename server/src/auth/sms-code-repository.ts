import type { Knex } from 'knex';
import { nowSql, toSqlDateTime } from '../platform/db/sql-time';

export interface SmsCodeRecord {
  id: number;
  codeHash: string;
  attempts: number;
  expiresAt: string;
  usedAt: string | null;
}

export class SmsCodeRepository {
  constructor(private readonly knex: Knex) {}

  async insert(record: {
    phoneIndex: string;
    purpose: string;
    codeHash: string;
    clientHash: string;
    expiresAt: Date;
  }): Promise<number> {
    const [id] = await this.knex('sms_codes').insert({
      phone_index: record.phoneIndex,
      purpose: record.purpose,
      code_hash: record.codeHash,
      client_hash: record.clientHash,
      expires_at: toSqlDateTime(record.expiresAt),
      created_at: nowSql(),
    });
    return Number(id);
  }

  /** Codes sent since a time, not counting the one being sent (`exceptId`). */
  async countSince(
    column: 'phone_index' | 'client_hash',
    value: string,
    since: Date,
    exceptId: number,
  ): Promise<number> {
    const row = await this.knex('sms_codes')
      .where(column, value)
      .andWhere('created_at', '>=', toSqlDateTime(since))
      .andWhereNot({ id: exceptId })
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  async latest(phoneIndex: string, purpose: string): Promise<SmsCodeRecord | undefined> {
    const row = await this.knex('sms_codes')
      .where({ phone_index: phoneIndex, purpose })
      .orderBy('id', 'desc')
      .first();
    if (!row) return undefined;
    return {
      id: Number(row.id),
      codeHash: row.code_hash,
      attempts: Number(row.attempts),
      expiresAt: String(row.expires_at),
      usedAt: row.used_at ?? null,
    };
  }

  async delete(id: number): Promise<void> {
    await this.knex('sms_codes').where({ id }).delete();
  }

  /**
   * Count one try before the code is compared, in one conditional UPDATE: of many tries sent at
   * once, only `maxAttempts` ever get compared (a read-then-increment let them all through).
   */
  async claimAttempt(id: number, maxAttempts: number): Promise<boolean> {
    const updated = await this.knex('sms_codes')
      .where({ id })
      .andWhere('attempts', '<', maxAttempts)
      .increment('attempts', 1);
    return updated === 1;
  }

  async markUnused(id: number): Promise<void> {
    await this.knex('sms_codes').where({ id }).update({ used_at: null });
  }

  /** Mark used only if still unused: of two racing requests with the right code, one wins. */
  async markUsed(id: number): Promise<boolean> {
    return (
      (await this.knex('sms_codes')
        .where({ id })
        .whereNull('used_at')
        .update({ used_at: nowSql() })) === 1
    );
  }
}
