import type { Knex } from 'knex';
import { nowSql } from '../platform/db/sql-time';

export type AttemptStatus = 'pending' | 'paid' | 'declined';

export interface AttemptRecord {
  transactionId: string;
  attempt: number;
  provider: 'wechat' | 'alipay';
  channelOrderNo: string;
  amountFen: number;
  status: AttemptStatus;
  declineCode: string | null;
  idempotencyKey: string;
}

/** Payment-code attempts of a sale (041): one channel order number each, never reused. */
export class AttemptRepository {
  constructor(private readonly knex: Knex) {}

  async latest(transactionId: string): Promise<AttemptRecord | undefined> {
    const row = await this.knex('checkout_attempts')
      .where({ transaction_id: transactionId })
      .orderBy('attempt', 'desc')
      .first();
    return row ? mapAttempt(row) : undefined;
  }

  /** Committed on its own, before the provider is called: a killed run leaves it pending. */
  async insertPending(attempt: Omit<AttemptRecord, 'status' | 'declineCode'>): Promise<void> {
    await this.knex('checkout_attempts').insert({
      transaction_id: attempt.transactionId,
      attempt: attempt.attempt,
      provider: attempt.provider,
      channel_order_no: attempt.channelOrderNo,
      amount_fen: attempt.amountFen,
      status: 'pending',
      idempotency_key: attempt.idempotencyKey,
      created_at: nowSql(),
    });
  }

  async markPaid(
    trx: Knex.Transaction,
    transactionId: string,
    attempt: number,
    providerTransactionId: string,
  ): Promise<void> {
    await trx('checkout_attempts').where({ transaction_id: transactionId, attempt }).update({
      status: 'paid',
      provider_transaction_id: providerTransactionId,
      settled_at: nowSql(),
    });
  }

  async markDeclined(transactionId: string, attempt: number, declineCode: string): Promise<void> {
    await this.knex('checkout_attempts')
      .where({ transaction_id: transactionId, attempt, status: 'pending' })
      .update({ status: 'declined', decline_code: declineCode, settled_at: nowSql() });
  }
}

function mapAttempt(row: Record<string, unknown>): AttemptRecord {
  return {
    transactionId: String(row.transaction_id),
    attempt: Number(row.attempt),
    provider: row.provider as AttemptRecord['provider'],
    channelOrderNo: String(row.channel_order_no),
    amountFen: Number(row.amount_fen),
    status: row.status as AttemptStatus,
    declineCode: (row.decline_code as string | null) ?? null,
    idempotencyKey: String(row.idempotency_key),
  };
}
