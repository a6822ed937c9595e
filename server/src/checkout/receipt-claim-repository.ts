import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

export interface ReceiptClaimRecord {
  code: string;
  transactionId: string;
  payerIndex: string | null;
  expiresAt: Date;
  claimedAt: Date | null;
}

/** Receipt claim codes (043) and the Alipay payers members chose to remember (044). */
export class ReceiptClaimRepository {
  constructor(private readonly knex: Knex) {}

  async insert(trx: Knex.Transaction, claim: Omit<ReceiptClaimRecord, 'claimedAt'>): Promise<void> {
    await trx('receipt_claims').insert({
      code: claim.code,
      transaction_id: claim.transactionId,
      payer_index: claim.payerIndex,
      expires_at: toSqlDateTime(claim.expiresAt),
      created_at: nowSql(),
    });
  }

  async findByCode(code: string): Promise<ReceiptClaimRecord | undefined> {
    const row = await this.knex('receipt_claims').where({ code }).first();
    return row ? mapClaim(row) : undefined;
  }

  async findForTransaction(transactionId: string): Promise<ReceiptClaimRecord | undefined> {
    const row = await this.knex('receipt_claims').where({ transaction_id: transactionId }).first();
    return row ? mapClaim(row) : undefined;
  }

  /** Claim once: false when it was claimed already or has expired meanwhile. */
  async markClaimed(trx: Knex.Transaction, code: string): Promise<boolean> {
    const now = nowSql();
    const updated = await trx('receipt_claims')
      .where({ code })
      .whereNull('claimed_at')
      .andWhere('expires_at', '>', now)
      .update({ claimed_at: now, payer_index: null });
    return updated === 1;
  }

  /** The payer index is kept only while a claim could still use it (data minimisation). */
  async forgetExpiredPayers(): Promise<number> {
    return this.knex('receipt_claims')
      .where('expires_at', '<=', nowSql())
      .whereNotNull('payer_index')
      .update({ payer_index: null });
  }

  /** Remember a payer for a member; false when the payer is remembered for someone else. */
  async rememberPayer(trx: Knex.Transaction, payerIndex: string, pseudonym: string) {
    const existing = await trx('remembered_payers').where({ payer_index: payerIndex }).first();
    if (existing) return existing.pseudonym === pseudonym;
    try {
      await trx('remembered_payers').insert({
        payer_index: payerIndex,
        pseudonym,
        created_at: nowSql(),
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY: another claim remembered it first.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Looked up under every available key version (blindIndexCandidates). TODO(#6): rotate-keys
   * cannot re-index these rows (only the index is kept, never the payer id), so a payer
   * remembered under a key version that is later retired stops linking until claimed again;
   * the member's data export does not list remembered payers yet either.
   */
  async findRememberedPayer(payerIndexes: string[]): Promise<string | undefined> {
    if (payerIndexes.length === 0) return undefined;
    const row = await this.knex('remembered_payers')
      .whereIn('payer_index', payerIndexes)
      .first('pseudonym');
    return row ? String(row.pseudonym) : undefined;
  }

  async forgetPayersOf(pseudonym: string): Promise<number> {
    return this.knex('remembered_payers').where({ pseudonym }).delete();
  }
}

function mapClaim(row: Record<string, unknown>): ReceiptClaimRecord {
  return {
    code: String(row.code),
    transactionId: String(row.transaction_id),
    payerIndex: (row.payer_index as string | null) ?? null,
    expiresAt: fromSqlDateTime(String(row.expires_at)),
    claimedAt: row.claimed_at ? fromSqlDateTime(String(row.claimed_at)) : null,
  };
}
