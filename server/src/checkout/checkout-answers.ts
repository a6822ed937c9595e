import type { CheckoutAnswer, CheckoutRequest } from '@memberkit/shared';
import type { PointsLedgerRepository } from '../points/points-ledger-repository';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import type { CheckoutRecord } from './checkout-repository';
import type { ReceiptClaimRepository } from './receipt-claim-repository';

/** The mini-program page a receipt's claim QR opens (also the H5 hash route). */
export const RECEIPT_CLAIM_PAGE = 'pages/receipt-claim/index';

/**
 * `p=alipay` tells the claim page to offer remembering the Alipay payer; it names the provider
 * only, never the payer.
 */
export function receiptClaimUrl(origin: string, code: string, provider?: string | null): string {
  const hint = provider === 'alipay' ? '&p=alipay' : '';
  return `${origin}/h5/#/${RECEIPT_CLAIM_PAGE}?r=${code}${hint}`;
}

export interface CheckoutAnswerDependencies {
  members: MemberCoreRepository;
  ledger: PointsLedgerRepository;
  claims: ReceiptClaimRepository;
}

/** CheckoutAnswer (shared/src/checkout) from what is stored, so every retry reads the same. */
export class CheckoutAnswers {
  constructor(private readonly deps: CheckoutAnswerDependencies) {}

  async paid(sale: CheckoutRecord, origin: string): Promise<CheckoutAnswer> {
    const answer: CheckoutAnswer = { ...this.base(sale), status: 'paid' };
    const member = await this.member(sale);
    if (member) answer.member = member;

    const claim = await this.deps.claims.findForTransaction(sale.id);
    if (claim && !claim.claimedAt && !sale.pseudonym)
      answer.receiptClaim = {
        code: claim.code,
        qrText: receiptClaimUrl(origin, claim.code, sale.provider),
        expiresAt: claim.expiresAt.toISOString(),
      };
    return answer;
  }

  declined(
    sale: CheckoutRecord,
    request: Pick<CheckoutRequest, 'tender'>,
    provider: 'wechat' | 'alipay',
    declineCode: string,
  ): CheckoutAnswer {
    return {
      ...this.base(sale),
      tender: request.tender,
      status: 'declined',
      provider,
      declineCode,
    };
  }

  private base(sale: CheckoutRecord) {
    return {
      checkoutId: sale.checkoutId,
      transactionId: sale.id,
      provider: sale.provider ?? 'none',
      tender: sale.tender as CheckoutAnswer['tender'],
      amountFen: sale.amountFen,
      occurredAt: sale.occurredAt.toISOString(),
    };
  }

  private async member(sale: CheckoutRecord): Promise<CheckoutAnswer['member']> {
    if (!sale.pseudonym || sale.awardState === 'none' || sale.awardState === 'pending')
      return undefined;
    const member = await this.deps.members.findByPseudonym(sale.pseudonym);
    if (!member) return undefined;
    return {
      cardNo: member.cardNo ?? '',
      pointsAwarded: sale.pointsAwarded ?? 0,
      balance: await this.deps.ledger.balance(sale.pseudonym),
    };
  }
}
