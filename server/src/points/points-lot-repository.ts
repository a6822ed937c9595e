import type { Knex } from 'knex';
import type { PointsLot } from '@memberkit/shared';

export interface NewLot {
  pseudonym: string;
  ledgerId: string;
  points: number;
  remaining: number;
  earnedAt: string;
  expiresAt: string;
}

export interface OpenLot extends PointsLot {
  id: string;
  ledgerId: string;
  remaining: number;
  expiredPoints: number;
  earnedAt: string;
  expiresAt: string;
}

export interface ExpiringSoon {
  pseudonym: string;
  points: number;
  firstExpiresAt: string;
}

/**
 * Lots: what each positive ledger entry still has left and when it expires (FIFO spending and
 * expiry). Within a member's locked transaction the sum of `remaining` equals the balance
 * whenever the balance is positive, and is 0 otherwise.
 */
export class PointsLotRepository {
  constructor(private readonly knex: Knex) {}

  async insert(trx: Knex.Transaction, lot: NewLot): Promise<void> {
    await trx('points_lots').insert({
      pseudonym: lot.pseudonym,
      ledger_id: lot.ledgerId,
      points: lot.points,
      remaining: lot.remaining,
      expired_points: 0,
      earned_at: lot.earnedAt,
      expires_at: lot.expiresAt,
    });
  }

  async openLots(trx: Knex.Transaction, pseudonym: string): Promise<OpenLot[]> {
    const rows = await trx('points_lots')
      .where({ pseudonym })
      .andWhere('remaining', '>', 0)
      .orderBy([{ column: 'expires_at' }, { column: 'id' }]);
    return rows.map(mapLot);
  }

  async take(trx: Knex.Transaction, lotId: string, points: number): Promise<void> {
    await trx('points_lots').where({ id: lotId }).decrement('remaining', points);
  }

  async expire(trx: Knex.Transaction, lot: OpenLot): Promise<void> {
    await trx('points_lots')
      .where({ id: lot.id })
      .update({ remaining: 0, expired_points: lot.expiredPoints + lot.remaining });
  }

  /**
   * Positive ledger entries that have no lot yet: points another feature credited straight to
   * the ledger (an offline card's points moving to its member). They become lots here.
   */
  async untrackedCredits(trx: Knex.Transaction, pseudonym: string) {
    const rows = await trx('points_ledger as l')
      .leftJoin('points_lots as t', 't.ledger_id', 'l.id')
      .where('l.pseudonym', pseudonym)
      .andWhere('l.points', '>', 0)
      .whereNull('t.id')
      .orderBy('l.id')
      .select('l.id', 'l.points', 'l.created_at');
    return rows.map((row: Record<string, unknown>) => ({
      ledgerId: String(row.id),
      points: Number(row.points),
      createdAt: String(row.created_at),
    }));
  }

  /** Pseudonyms with lots past their expiry that still hold points (the daily job's work). */
  async pseudonymsWithDueLots(now: string, limit: number): Promise<string[]> {
    const rows = await this.knex('points_lots')
      .where('expires_at', '<=', now)
      .andWhere('remaining', '>', 0)
      .distinct('pseudonym')
      .limit(limit);
    return rows.map((row: { pseudonym: string }) => row.pseudonym);
  }

  /** Pseudonyms with positive ledger entries but no lot yet, so the job can sync them first. */
  async pseudonymsWithUntrackedCredits(limit: number): Promise<string[]> {
    const rows = await this.knex('points_ledger as l')
      .leftJoin('points_lots as t', 't.ledger_id', 'l.id')
      .where('l.points', '>', 0)
      .whereNull('t.id')
      .distinct('l.pseudonym')
      .limit(limit);
    return rows.map((row: { pseudonym: string }) => row.pseudonym);
  }

  /** Members whose points expire in [from, to), for reminders (U-6.3.1). */
  async expiringBetween(from: string, to: string, limit: number): Promise<ExpiringSoon[]> {
    const rows = await this.knex('points_lots')
      .where('expires_at', '>', from)
      .andWhere('expires_at', '<=', to)
      .andWhere('remaining', '>', 0)
      .groupBy('pseudonym')
      .select('pseudonym')
      .sum({ points: 'remaining' })
      .min({ firstExpiresAt: 'expires_at' })
      .orderBy('firstExpiresAt')
      .limit(limit);
    return rows.map((row: Record<string, unknown>) => ({
      pseudonym: String(row.pseudonym),
      points: Number(row.points),
      firstExpiresAt: String(row.firstExpiresAt),
    }));
  }

  async expiringFor(pseudonym: string, from: string, to: string): Promise<ExpiringSoon | null> {
    const row = await this.knex('points_lots')
      .where({ pseudonym })
      .andWhere('expires_at', '>', from)
      .andWhere('expires_at', '<=', to)
      .andWhere('remaining', '>', 0)
      .sum({ points: 'remaining' })
      .min({ firstExpiresAt: 'expires_at' })
      .first();
    if (!row?.firstExpiresAt) return null;
    return { pseudonym, points: Number(row.points), firstExpiresAt: String(row.firstExpiresAt) };
  }
}

function mapLot(row: Record<string, unknown>): OpenLot {
  return {
    id: String(row.id),
    ledgerId: String(row.ledger_id),
    remaining: Number(row.remaining),
    expiredPoints: Number(row.expired_points),
    earnedAt: String(row.earned_at),
    expiresAt: String(row.expires_at),
  };
}
