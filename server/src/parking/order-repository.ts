import type { Knex } from 'knex';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

type Executor = Knex | Knex.Transaction;

export type OrderStatus = 'pending' | 'paid' | 'closed';
export type OrderChannel = 'jsapi' | 'native' | 'local';
export type OrderPayer = 'member' | 'kiosk' | 'ticket';

export interface OrderRecord {
  id: string;
  sessionId: string;
  channel: OrderChannel;
  payer: OrderPayer;
  kioskId: string | null;
  pseudonym: string | null;
  amountFen: number;
  dueFen: number;
  pointsUsed: number;
  pointsOffsetFen: number;
  pointsKey: string | null;
  coversUntil: Date;
  status: OrderStatus;
  transactionId: string | null;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
}

export type NewOrder = Omit<OrderRecord, 'status' | 'transactionId' | 'createdAt' | 'paidAt'>;

/** Parking payment orders; the id is the merchant order number sent to WeChat Pay. */
export class ParkingOrderRepository {
  constructor(private readonly knex: Knex) {}

  async insert(order: NewOrder): Promise<void> {
    await this.knex('parking_orders').insert({
      id: order.id,
      session_id: order.sessionId,
      channel: order.channel,
      payer: order.payer,
      kiosk_id: order.kioskId,
      pseudonym: order.pseudonym,
      amount_fen: order.amountFen,
      due_fen: order.dueFen,
      points_used: order.pointsUsed,
      points_offset_fen: order.pointsOffsetFen,
      points_key: order.pointsKey,
      covers_until: toSqlDateTime(order.coversUntil),
      status: 'pending',
      created_at: nowSql(),
      expires_at: toSqlDateTime(order.expiresAt),
    });
  }

  async find(id: string, executor: Executor = this.knex): Promise<OrderRecord | undefined> {
    const row = await executor('parking_orders').where({ id }).first();
    return row ? mapOrder(row) : undefined;
  }

  async pendingOfSession(sessionId: string): Promise<OrderRecord[]> {
    const rows = await this.knex('parking_orders').where({
      session_id: sessionId,
      status: 'pending',
    });
    return rows.map(mapOrder);
  }

  /** pending -> paid exactly once; false when someone else applied it first. */
  async markPaid(
    executor: Executor,
    id: string,
    transactionId: string | null,
    paidAt: Date,
  ): Promise<boolean> {
    const updated = await executor('parking_orders')
      .where({ id })
      .whereIn('status', ['pending', 'closed'])
      .update({ status: 'paid', transaction_id: transactionId, paid_at: toSqlDateTime(paidAt) });
    return updated === 1;
  }

  async markClosed(id: string): Promise<boolean> {
    const updated = await this.knex('parking_orders')
      .where({ id, status: 'pending' })
      .update({ status: 'closed' });
    return updated === 1;
  }
}

function mapOrder(row: Record<string, unknown>): OrderRecord {
  return {
    id: String(row.id),
    sessionId: String(row.session_id),
    channel: String(row.channel) as OrderChannel,
    payer: String(row.payer) as OrderPayer,
    kioskId: (row.kiosk_id as string | null) ?? null,
    pseudonym: (row.pseudonym as string | null) ?? null,
    amountFen: Number(row.amount_fen),
    dueFen: Number(row.due_fen),
    pointsUsed: Number(row.points_used),
    pointsOffsetFen: Number(row.points_offset_fen),
    pointsKey: (row.points_key as string | null) ?? null,
    coversUntil: fromSqlDateTime(String(row.covers_until)),
    status: String(row.status) as OrderStatus,
    transactionId: (row.transaction_id as string | null) ?? null,
    createdAt: fromSqlDateTime(String(row.created_at)),
    expiresAt: fromSqlDateTime(String(row.expires_at)),
    paidAt: row.paid_at ? fromSqlDateTime(String(row.paid_at)) : null,
  };
}
