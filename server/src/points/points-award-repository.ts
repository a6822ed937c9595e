import type { Knex } from 'knex';
import { nowSql } from '../platform/db/sql-time';

export type AwardRowKind = 'purchase' | 'top-up' | 'sign-up' | 'refund';

export interface AwardRecord {
  pseudonym: string;
  sourceKey: string;
  /** The award a refund belongs to; an award's own key for an award. */
  awardKey: string;
  kind: AwardRowKind;
  amountFen: number;
  /** What counts towards tiers: a purchase's amount, minus its refunds; 0 for top-ups. */
  spendFen: number;
  points: number;
  storeId: string | null;
  deviceId: string | null;
  occurredAt: string;
}

type Executor = Knex | Knex.Transaction;

/** The money behind each award and refund: idempotency, refund limits and tier spend. */
export class PointsAwardRepository {
  constructor(private readonly knex: Knex) {}

  async insert(trx: Knex.Transaction, record: AwardRecord): Promise<void> {
    await trx('points_awards').insert({
      pseudonym: record.pseudonym,
      source_key: record.sourceKey,
      award_key: record.awardKey,
      kind: record.kind,
      amount_fen: record.amountFen,
      spend_fen: record.spendFen,
      points: record.points,
      store_id: record.storeId,
      device_id: record.deviceId,
      occurred_at: record.occurredAt,
      created_at: nowSql(),
    });
  }

  async find(sourceKey: string, executor: Executor = this.knex): Promise<AwardRecord | undefined> {
    const row = await executor('points_awards').where({ source_key: sourceKey }).first();
    return row ? mapAward(row) : undefined;
  }

  /** What the refunds of one award have given back so far (as positive numbers). */
  async refunded(
    trx: Knex.Transaction,
    awardKey: string,
  ): Promise<{ refundedFen: number; reversedPoints: number }> {
    const row = await trx('points_awards')
      .where({ award_key: awardKey, kind: 'refund' })
      .sum({ fen: 'amount_fen', points: 'points' })
      .first();
    return { refundedFen: -Number(row?.fen ?? 0), reversedPoints: -Number(row?.points ?? 0) };
  }

  async spendSince(pseudonym: string, since: string): Promise<number> {
    const row = await this.knex('points_awards')
      .where({ pseudonym })
      .andWhere('occurred_at', '>=', since)
      .sum({ spend: 'spend_fen' })
      .first();
    return Number(row?.spend ?? 0);
  }

  async spendByPseudonym(pseudonyms: string[], since: string): Promise<Map<string, number>> {
    if (pseudonyms.length === 0) return new Map();
    const rows = await this.knex('points_awards')
      .whereIn('pseudonym', pseudonyms)
      .andWhere('occurred_at', '>=', since)
      .groupBy('pseudonym')
      .select('pseudonym')
      .sum({ spend: 'spend_fen' });
    return new Map(
      rows.map((row: Record<string, unknown>) => [String(row.pseudonym), Number(row.spend)]),
    );
  }
}

function mapAward(row: Record<string, unknown>): AwardRecord {
  return {
    pseudonym: String(row.pseudonym),
    sourceKey: String(row.source_key),
    awardKey: String(row.award_key),
    kind: row.kind as AwardRowKind,
    amountFen: Number(row.amount_fen),
    spendFen: Number(row.spend_fen),
    points: Number(row.points),
    storeId: (row.store_id as string | null) ?? null,
    deviceId: (row.device_id as string | null) ?? null,
    occurredAt: String(row.occurred_at),
  };
}
