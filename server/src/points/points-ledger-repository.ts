import type { Knex } from 'knex';
import { isMysql } from '../platform/db/connect';
import { nowSql } from '../platform/db/sql-time';

export type EntryType = 'earn' | 'redeem' | 'expire' | 'adjust' | 'reverse' | 'transfer';

export interface NewLedgerEntry {
  pseudonym: string;
  entryType: EntryType;
  points: number;
  sourceKey: string;
  explanation: Record<string, unknown>;
}

export interface LedgerEntry {
  id: string;
  entryType: string;
  points: number;
  sourceKey: string;
  explanation: Record<string, unknown> | null;
  createdAt: string;
}

export interface PointsAccount {
  pseudonym: string;
  signUpBonusAt: string | null;
}

type Executor = Knex | Knex.Transaction;

/**
 * The points ledger of 006 (append-only; the balance is the sum of its entries) and the
 * per-member account row that every points write locks first. Supersedes
 * members/points-repository.ts for the points feature; entries that one writes (offline card
 * transfers) are picked up as lots by PointsLotRepository.untrackedCredits.
 */
export class PointsLedgerRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Lock the member's account row for the rest of the transaction. On MySQL this is
   * SELECT ... FOR UPDATE, which queues concurrent writers for one member; SQLite has one
   * connection, so its transactions are already one at a time.
   */
  async lockAccount(trx: Knex.Transaction, pseudonym: string): Promise<PointsAccount | undefined> {
    const query = trx('points_accounts').where({ pseudonym });
    const row = await (isMysql(this.knex) ? query.forUpdate() : query).first();
    return row ? { pseudonym, signUpBonusAt: row.sign_up_bonus_at ?? null } : undefined;
  }

  /** Outside any transaction, so two first awards racing never hold each other's locks. */
  async openAccount(pseudonym: string): Promise<void> {
    await this.knex('points_accounts')
      .insert({ pseudonym, created_at: nowSql() })
      .onConflict('pseudonym')
      .ignore();
  }

  /** Read through the caller's transaction: SQLite has one connection, held by it. */
  async isActiveMember(trx: Knex.Transaction, pseudonym: string): Promise<boolean> {
    const row = await trx('members').where({ pseudonym, status: 'active' }).first('id');
    return Boolean(row);
  }

  async markSignUpBonus(trx: Knex.Transaction, pseudonym: string): Promise<void> {
    await trx('points_accounts').where({ pseudonym }).update({ sign_up_bonus_at: nowSql() });
  }

  /** Append one entry and return its id. A repeated source key fails with a unique violation. */
  async append(trx: Knex.Transaction, entry: NewLedgerEntry): Promise<string> {
    const [id] = await trx('points_ledger').insert({
      pseudonym: entry.pseudonym,
      entry_type: entry.entryType,
      points: entry.points,
      source_key: entry.sourceKey,
      explanation: JSON.stringify(entry.explanation),
      created_at: nowSql(),
    });
    return String(id);
  }

  async findBySourceKey(
    sourceKey: string,
    executor: Executor = this.knex,
  ): Promise<LedgerEntry | undefined> {
    const row = await executor('points_ledger').where({ source_key: sourceKey }).first();
    return row ? mapEntry(row) : undefined;
  }

  async balance(pseudonym: string, executor: Executor = this.knex): Promise<number> {
    const row = await executor('points_ledger')
      .where({ pseudonym })
      .sum({ total: 'points' })
      .first();
    return Number(row?.total ?? 0);
  }

  /** Newest first, a page at a time; `beforeId` is the last id of the previous page. */
  async history(pseudonym: string, limit: number, beforeId?: string): Promise<LedgerEntry[]> {
    const query = this.knex('points_ledger').where({ pseudonym });
    if (beforeId) query.andWhere('id', '<', beforeId);
    const rows = await query.orderBy('id', 'desc').limit(limit);
    return rows.map(mapEntry);
  }

  /** Without a lock: whether the member's account exists and has had its sign-up bonus. */
  async isAccountOpened(pseudonym: string): Promise<boolean> {
    const row = await this.knex('points_accounts').where({ pseudonym }).first('sign_up_bonus_at');
    return Boolean(row?.sign_up_bonus_at);
  }
}

function mapEntry(row: Record<string, unknown>): LedgerEntry {
  return {
    id: String(row.id),
    entryType: String(row.entry_type),
    points: Number(row.points),
    sourceKey: String(row.source_key),
    explanation: row.explanation ? JSON.parse(String(row.explanation)) : null,
    createdAt: String(row.created_at),
  };
}
