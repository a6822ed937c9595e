import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';

export interface RefundRecord {
  transactionId: string;
  refundId: string;
  amountFen: number;
  status: 'pending' | 'done';
  pointsReversed: number | null;
}

/** Refunds of till sales (042). */
export class RefundRepository {
  constructor(private readonly knex: Knex) {}

  async find(transactionId: string, refundId: string): Promise<RefundRecord | undefined> {
    const row = await this.knex('checkout_refunds')
      .where({ transaction_id: transactionId, refund_id: refundId })
      .first();
    return row ? mapRefund(row) : undefined;
  }

  async insertPending(
    trx: Knex.Transaction,
    transactionId: string,
    refundId: string,
    amountFen: number,
  ): Promise<boolean> {
    try {
      await trx('checkout_refunds').insert({
        transaction_id: transactionId,
        refund_id: refundId,
        amount_fen: amountFen,
        status: 'pending',
        created_at: nowSql(),
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY: the same refund id was recorded first.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async remove(trx: Knex.Transaction, transactionId: string, refundId: string): Promise<void> {
    await trx('checkout_refunds')
      .where({ transaction_id: transactionId, refund_id: refundId, status: 'pending' })
      .delete();
  }

  async markDone(transactionId: string, refundId: string, providerRefundId: string | null) {
    await this.knex('checkout_refunds')
      .where({ transaction_id: transactionId, refund_id: refundId })
      .update({ status: 'done', provider_refund_id: providerRefundId, done_at: nowSql() });
  }

  /** Done refunds whose points have not been taken back yet (the sale was linked later). */
  async awaitingReversal(transactionId: string): Promise<RefundRecord[]> {
    const rows = await this.knex('checkout_refunds')
      .where({ transaction_id: transactionId, status: 'done' })
      .whereNull('points_reversed')
      .orderBy('created_at');
    return rows.map(mapRefund);
  }

  async recordReversal(transactionId: string, refundId: string, points: number): Promise<void> {
    await this.knex('checkout_refunds')
      .where({ transaction_id: transactionId, refund_id: refundId })
      .update({ points_reversed: points });
  }
}

function mapRefund(row: Record<string, unknown>): RefundRecord {
  return {
    transactionId: String(row.transaction_id),
    refundId: String(row.refund_id),
    amountFen: Number(row.amount_fen),
    status: row.status as RefundRecord['status'],
    pointsReversed: row.points_reversed === null ? null : Number(row.points_reversed),
  };
}
