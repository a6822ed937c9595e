import type { Knex } from 'knex';
import type { AwardItem } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

export type SaleStatus = 'open' | 'paid';
export type ProviderName = 'wechat' | 'alipay' | 'none';
export type LinkVia = 'wechat' | 'alipay' | 'member-code' | 'receipt-claim';
/** none: no member; pending: linked, points not yet given; skipped: the award was refused. */
export type AwardState = 'none' | 'pending' | 'done' | 'skipped';

export interface CheckoutRecord {
  id: string;
  deviceId: string;
  checkoutId: string;
  storeId: string | null;
  tender: string;
  amountFen: number;
  items: AwardItem[];
  occurredAt: Date;
  status: SaleStatus;
  provider: ProviderName | null;
  paidAttempt: number | null;
  paidFen: number | null;
  paidByKey: string | null;
  pseudonym: string | null;
  linkVia: LinkVia | null;
  awardState: AwardState;
  pointsAwarded: number | null;
  refundedFen: number;
}

export interface NewCheckout {
  id: string;
  deviceId: string;
  checkoutId: string;
  storeId: string | null;
  tender: string;
  amountFen: number;
  items: AwardItem[];
  occurredAt: Date;
}

/** What the paid commit writes: the payment, and the member link decided before it. */
export interface PaidSale {
  tender: string;
  provider: ProviderName;
  attempt: number | null;
  providerTransactionId: string | null;
  paidFen: number;
  paidByKey: string;
  pseudonym: string | null;
  linkVia: LinkVia | null;
}

type Executor = Knex | Knex.Transaction;

/** The sales table (040). Only this file and the other checkout repositories touch it. */
export class CheckoutRepository {
  constructor(private readonly knex: Knex) {}

  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(work);
  }

  async find(id: string, executor: Executor = this.knex): Promise<CheckoutRecord | undefined> {
    const row = await executor('checkout_transactions').where({ id }).first();
    return row ? mapCheckout(row) : undefined;
  }

  /** Insert a new sale; false when it exists already (a retry, or a racing request). */
  async insert(sale: NewCheckout): Promise<boolean> {
    const now = nowSql();
    try {
      await this.knex('checkout_transactions').insert({
        id: sale.id,
        device_id: sale.deviceId,
        checkout_id: sale.checkoutId,
        store_id: sale.storeId,
        tender: sale.tender,
        amount_fen: sale.amountFen,
        items_json: JSON.stringify(sale.items),
        occurred_at: toSqlDateTime(sale.occurredAt),
        status: 'open',
        award_state: 'none',
        refunded_fen: 0,
        created_at: now,
        updated_at: now,
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY: this sale was recorded before.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Take the sale for one request; a lock whose lease ended (its process died) is taken over. */
  async lock(id: string, owner: string, lockedUntil: Date): Promise<boolean> {
    const now = nowSql();
    const updated = await this.knex('checkout_transactions')
      .where({ id })
      .andWhere((free) => free.whereNull('locked_until').orWhere('locked_until', '<', now))
      .update({ locked_until: toSqlDateTime(lockedUntil), lock_owner: owner });
    return updated === 1;
  }

  async unlock(id: string, owner: string): Promise<void> {
    await this.knex('checkout_transactions')
      .where({ id, lock_owner: owner })
      .update({ locked_until: null, lock_owner: null });
  }

  async markPaid(trx: Knex.Transaction, id: string, sale: PaidSale): Promise<void> {
    await trx('checkout_transactions')
      .where({ id, status: 'open' })
      .update({
        status: 'paid',
        tender: sale.tender,
        provider: sale.provider,
        paid_attempt: sale.attempt,
        provider_transaction_id: sale.providerTransactionId,
        paid_fen: sale.paidFen,
        paid_at: nowSql(),
        paid_by_key: sale.paidByKey,
        pseudonym: sale.pseudonym,
        link_via: sale.linkVia,
        award_state: sale.pseudonym ? 'pending' : 'none',
        updated_at: nowSql(),
      });
  }

  /** A receipt claim links an unlinked sale; false when another claim got there first. */
  async linkClaimed(trx: Knex.Transaction, id: string, pseudonym: string): Promise<boolean> {
    const updated = await trx('checkout_transactions')
      .where({ id, status: 'paid' })
      .whereNull('pseudonym')
      .update({
        pseudonym,
        link_via: 'receipt-claim',
        award_state: 'pending',
        updated_at: nowSql(),
      });
    return updated === 1;
  }

  async finishAward(id: string, state: 'done' | 'skipped', points: number): Promise<void> {
    await this.knex('checkout_transactions')
      .where({ id, award_state: 'pending' })
      .update({ award_state: state, points_awarded: points, updated_at: nowSql() });
  }

  /** Reserve a refund against what was paid; false when it would exceed the payment. */
  async reserveRefund(trx: Knex.Transaction, id: string, amountFen: number): Promise<boolean> {
    const updated = await trx('checkout_transactions')
      .where({ id, status: 'paid' })
      .andWhere(trx.raw('refunded_fen + ? <= paid_fen', [amountFen]))
      .update({ refunded_fen: trx.raw('refunded_fen + ?', [amountFen]), updated_at: nowSql() });
    return updated === 1;
  }

  async releaseRefund(trx: Knex.Transaction, id: string, amountFen: number): Promise<void> {
    await trx('checkout_transactions')
      .where({ id })
      .update({ refunded_fen: trx.raw('refunded_fen - ?', [amountFen]), updated_at: nowSql() });
  }

  /** A member's linked sales, newest first (GET /v1/me/transactions). */
  async listLinked(pseudonym: string, limit: number): Promise<CheckoutRecord[]> {
    const rows = await this.knex('checkout_transactions')
      .where({ pseudonym, status: 'paid' })
      .orderBy('occurred_at', 'desc')
      .limit(limit);
    return rows.map(mapCheckout);
  }
}

function mapCheckout(row: Record<string, unknown>): CheckoutRecord {
  return {
    id: String(row.id),
    deviceId: String(row.device_id),
    checkoutId: String(row.checkout_id),
    storeId: (row.store_id as string | null) ?? null,
    tender: String(row.tender),
    amountFen: Number(row.amount_fen),
    items: JSON.parse(String(row.items_json)) as AwardItem[],
    occurredAt: fromSqlDateTime(String(row.occurred_at)),
    status: row.status as SaleStatus,
    provider: (row.provider as ProviderName | null) ?? null,
    paidAttempt: row.paid_attempt === null ? null : Number(row.paid_attempt),
    paidFen: row.paid_fen === null ? null : Number(row.paid_fen),
    paidByKey: (row.paid_by_key as string | null) ?? null,
    pseudonym: (row.pseudonym as string | null) ?? null,
    linkVia: (row.link_via as LinkVia | null) ?? null,
    awardState: row.award_state as AwardState,
    pointsAwarded: row.points_awarded === null ? null : Number(row.points_awarded),
    refundedFen: Number(row.refunded_fen),
  };
}
