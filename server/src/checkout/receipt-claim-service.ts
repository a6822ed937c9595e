import { AppError, normaliseBase32Text } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { PointsLedgerRepository } from '../points/points-ledger-repository';
import type { CheckoutAwards } from './checkout-awards';
import type { CheckoutRecord, CheckoutRepository } from './checkout-repository';
import type { ReceiptClaimRecord, ReceiptClaimRepository } from './receipt-claim-repository';

export interface ReceiptClaimAnswer {
  transactionId: string;
  amountFen: number;
  occurredAt: string;
  pointsAwarded: number;
  balance: number;
  /** True when this sale's Alipay payer will now link future sales by itself. */
  rememberedAlipayPayer: boolean;
}

/** What the claim page shows before the member claims: never a payer, a card or a member. */
export interface ReceiptPreview {
  amountFen: number;
  occurredAt: string;
  provider: 'wechat' | 'alipay' | 'none';
}

export interface ReceiptClaimDependencies {
  checkouts: CheckoutRepository;
  claims: ReceiptClaimRepository;
  consents: ConsentService;
  awards: CheckoutAwards;
  ledger: PointsLedgerRepository;
}

/**
 * A member claims a sale from its receipt QR (protocols/alipay-barcode.md "Linking an Alipay
 * payer to a member"): the sale is linked and its points awarded once, only under the
 * transaction-linking consent (U-6.1.1). Remembering the Alipay payer is the member's own
 * choice, asked each time, and only the payer's keyed blind index is kept.
 */
export class ReceiptClaimService {
  constructor(private readonly deps: ReceiptClaimDependencies) {}

  /**
   * The sale behind a claim code that can still be claimed, so the member sees what they are
   * about to link (C-4.1.2a: shown before use). A claimed or expired code reads as invalid, the
   * same as an unknown one, so a look tells nobody whether a code was ever issued.
   */
  async preview(code: string, now = new Date()): Promise<ReceiptPreview> {
    const claim = await this.deps.claims.findByCode(claimCodeOf(code));
    if (!claim || claim.claimedAt || claim.expiresAt <= now)
      throw new AppError('RECEIPT_CLAIM_INVALID');

    const sale = (await this.deps.checkouts.find(claim.transactionId)) as CheckoutRecord;
    return {
      amountFen: sale.amountFen,
      occurredAt: sale.occurredAt.toISOString(),
      provider: sale.provider ?? 'none',
    };
  }

  async claim(
    pseudonym: string,
    code: string,
    rememberAlipayPayer: boolean,
  ): Promise<ReceiptClaimAnswer> {
    const claim = await this.deps.claims.findByCode(claimCodeOf(code));
    if (!claim) throw new AppError('RECEIPT_CLAIM_INVALID');
    await this.deps.consents.require(pseudonym, 'transaction_linking');

    const sale = (await this.deps.checkouts.find(claim.transactionId)) as CheckoutRecord;
    // The same member asking again (their first answer was lost) gets the same claim back.
    const isOwnEarlierClaim = claim.claimedAt !== null && sale.pseudonym === pseudonym;
    const remembered = isOwnEarlierClaim
      ? false
      : await this.link(claim, sale, pseudonym, rememberAlipayPayer);

    await this.deps.awards.finish((await this.deps.checkouts.find(sale.id)) as CheckoutRecord);
    const linked = (await this.deps.checkouts.find(sale.id)) as CheckoutRecord;
    return {
      transactionId: linked.id,
      amountFen: linked.amountFen,
      occurredAt: linked.occurredAt.toISOString(),
      pointsAwarded: linked.pointsAwarded ?? 0,
      balance: await this.deps.ledger.balance(pseudonym),
      rememberedAlipayPayer: remembered,
    };
  }

  private async link(
    claim: ReceiptClaimRecord,
    sale: CheckoutRecord,
    pseudonym: string,
    rememberAlipayPayer: boolean,
  ): Promise<boolean> {
    await this.deps.claims.forgetExpiredPayers();
    return this.deps.checkouts.transaction(async (trx) => {
      const claimed = await this.deps.claims.markClaimed(trx, claim.code);
      if (!claimed || !(await this.deps.checkouts.linkClaimed(trx, sale.id, pseudonym)))
        throw new AppError('RECEIPT_CLAIM_INVALID');
      if (!rememberAlipayPayer || sale.provider !== 'alipay' || !claim.payerIndex) return false;
      return this.deps.claims.rememberPayer(trx, claim.payerIndex, pseudonym);
    });
  }
}

/** Codes are Crockford base32 (checkout-ids.ts): case, grouping and I/L/O typed by hand fold. */
function claimCodeOf(code: string): string {
  return normaliseBase32Text(code);
}
