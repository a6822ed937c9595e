import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';

export interface LedgerEntry {
  pseudonym: string;
  entryType: 'earn' | 'redeem' | 'expire' | 'adjust' | 'reverse' | 'transfer';
  points: number;
  sourceKey: string;
  explanation?: Record<string, unknown>;
}

/** The append-only points ledger; the balance is always the sum of the entries. */
export class PointsRepository {
  constructor(private readonly knex: Knex) {}

  /** Append once per source key; a repeated source changes nothing and returns false. */
  async append(executor: Knex | Knex.Transaction, entry: LedgerEntry): Promise<boolean> {
    try {
      await executor('points_ledger').insert({
        pseudonym: entry.pseudonym,
        entry_type: entry.entryType,
        points: entry.points,
        source_key: entry.sourceKey,
        explanation: entry.explanation ? JSON.stringify(entry.explanation) : null,
        created_at: nowSql(),
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE on source_key: already applied.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async balance(pseudonym: string, executor: Knex | Knex.Transaction = this.knex): Promise<number> {
    const row = await executor('points_ledger')
      .where({ pseudonym })
      .sum({ total: 'points' })
      .first();
    return Number(row?.total ?? 0);
  }

  async entries(pseudonym: string) {
    const rows = await this.knex('points_ledger').where({ pseudonym }).orderBy('id');
    return rows.map((row: Record<string, unknown>) => ({
      entryType: String(row.entry_type),
      points: Number(row.points),
      sourceKey: String(row.source_key),
      explanation: row.explanation ? JSON.parse(String(row.explanation)) : null,
      createdAt: String(row.created_at),
    }));
  }
}
