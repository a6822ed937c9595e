import type { CheckoutRepository } from './checkout-repository';

export interface MemberTransaction {
  transactionId: string;
  occurredAt: string;
  storeId: string | null;
  tender: string;
  provider: string;
  amountFen: number;
  refundedFen: number;
  pointsAwarded: number;
  linkedBy: string;
}

const LIST_LIMIT = 100;

/** The member's own linked sales: amounts, times, points; no payer id is ever kept to show. */
export class MemberTransactions {
  constructor(private readonly checkouts: CheckoutRepository) {}

  async list(pseudonym: string): Promise<MemberTransaction[]> {
    const sales = await this.checkouts.listLinked(pseudonym, LIST_LIMIT);
    return sales.map((sale) => ({
      transactionId: sale.id,
      occurredAt: sale.occurredAt.toISOString(),
      storeId: sale.storeId,
      tender: sale.tender,
      provider: sale.provider ?? 'none',
      amountFen: sale.paidFen ?? sale.amountFen,
      refundedFen: sale.refundedFen,
      pointsAwarded: sale.pointsAwarded ?? 0,
      linkedBy: sale.linkVia ?? 'none',
    }));
  }
}
