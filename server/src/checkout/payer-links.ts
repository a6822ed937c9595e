import { isAppError } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { IdentityVault } from '../vault/identity-vault';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import { normaliseIdentifier } from '../vault/normalise-identifier';
import type { LinkVia } from './checkout-repository';
import type { PaymentProviderName } from './payment-providers';
import type { ReceiptClaimRepository } from './receipt-claim-repository';

export interface MemberLink {
  pseudonym: string;
  via: LinkVia;
}

export interface PayerLinkDependencies {
  vault: IdentityVault;
  members: MemberCoreRepository;
  consents: ConsentService;
  cipher: VaultCipher;
  claims: ReceiptClaimRepository;
}

/**
 * Who a sale belongs to (C-4.2.1.4), decided before anything about the member is stored: the
 * WeChat payer by the openid they logged in with, an Alipay payer the member chose to
 * remember, or the holder of a member code. In every case the sale is linked only when that
 * member holds the transaction-linking consent now (U-6.1.1); otherwise it stays anonymous.
 * Payer ids are only ever looked up through keyed blind indexes.
 */
export class PayerLinks {
  constructor(private readonly deps: PayerLinkDependencies) {}

  async forPayer(provider: PaymentProviderName, payerId: string): Promise<MemberLink | undefined> {
    const pseudonym =
      provider === 'wechat' ? await this.wechatMember(payerId) : await this.alipayMember(payerId);
    return pseudonym ? this.ifConsenting(pseudonym, provider) : undefined;
  }

  /**
   * U-6.1.1: the link is made only under the transaction-linking consent. TODO(#6): judged at
   * the time the sale is processed; a queued sale (up to 72 h old) should be judged by the
   * consent as it stood at occurredAt, which the consent service cannot answer yet.
   */
  async ifConsenting(pseudonym: string, via: LinkVia): Promise<MemberLink | undefined> {
    try {
      await this.deps.consents.require(pseudonym, 'transaction_linking');
      return { pseudonym, via };
    } catch (error) {
      if (isAppError(error) && error.status === 403) return undefined;
      throw error;
    }
  }

  /** The keyed blind index of an Alipay buyer_user_id: what a claim may remember, nothing more. */
  alipayPayerIndex(buyerUserId: string): string | null {
    const normalised = normalisedOrNull(buyerUserId);
    return normalised ? this.deps.cipher.blindIndex('alipay_user', normalised) : null;
  }

  private async wechatMember(openid: string): Promise<string | undefined> {
    if (!normalisedOrNull(openid)) return undefined;
    const member = await this.deps.vault.findMemberByIdentifier('wechat_openid', openid);
    return member?.pseudonym ?? undefined;
  }

  private async alipayMember(buyerUserId: string): Promise<string | undefined> {
    const normalised = normalisedOrNull(buyerUserId);
    if (!normalised) return undefined;
    const candidates = this.deps.cipher.blindIndexCandidates('alipay_user', normalised);
    const pseudonym = await this.deps.claims.findRememberedPayer(candidates);
    if (!pseudonym) return undefined;
    // A deleted account's rows were moved to a pseudonym no member has: that links nobody.
    const member = await this.deps.members.findByPseudonym(pseudonym);
    return member?.status === 'active' ? pseudonym : undefined;
  }
}

function normalisedOrNull(payerId: string): string | null {
  try {
    return normaliseIdentifier('alipay_user', payerId);
  } catch {
    return null;
  }
}
