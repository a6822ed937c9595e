import { AppError } from '@memberkit/shared';
import type { AlipayClient } from '../integrations/alipay/alipay-client';
import type { AlipayOutcome } from '../integrations/alipay/alipay-checkout';
import {
  ALIPAY_ORDER_NUMBER,
  channelOrderNumber,
  WECHAT_PAY_ORDER_NUMBER,
} from '../integrations/wechat-pay/channel-order';
import type { WechatPayClient } from '../integrations/wechat-pay/wechat-pay-client';
import type { WechatPayOutcome } from '../integrations/wechat-pay/wechat-pay-micropay';

export type PaymentProviderName = 'wechat' | 'alipay';

/** One shape for both providers: paid (with the payer), or declined with the provider's code. */
export type ChargeOutcome =
  | { outcome: 'paid'; providerTransactionId: string; payerId: string; paidFen: number }
  | { outcome: 'declined'; code: string };

export interface AttemptReference {
  transactionId: string;
  attempt: number;
}

export interface ChargeInput extends AttemptReference {
  totalFen: number;
  paymentCode: string;
  clientIp: string;
}

export interface ProviderRefundInput extends AttemptReference {
  paidFen: number;
  refundFen: number;
  refundNumber: string;
}

/**
 * A payment-code provider as checkout needs it (C-4.2.1.4). Both clients keep their own state
 * machines (protocols/*): an outcome that is not known throws PAYMENT_OUTCOME_UNKNOWN, and
 * `settle` finishes an attempt begun before a restart without charging again.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /**
   * Resolves when a charge may go to this provider now; throws a coded error otherwise. The
   * supplier register's gate (C-4.1.4b, server/src/suppliers) answers here, so a sale can be
   * refused before anything about it is written.
   */
  assertMayCharge(): Promise<void>;
  channelOrderNo(reference: AttemptReference): string;
  charge(input: ChargeInput): Promise<ChargeOutcome>;
  settle(reference: AttemptReference): Promise<ChargeOutcome>;
  refund(input: ProviderRefundInput): Promise<{ providerRefundId: string | null }>;
}

// What the receipt and the till show for a sale on the shopper's bill.
const SALE_DESCRIPTION = '门店消费';
/** An attempt cancelled by us (deadline passed, or unknown and reversed): scan a new code. */
export const CANCELLED = 'CANCELLED';

export class WechatPayProvider implements PaymentProvider {
  readonly name = 'wechat' as const;

  constructor(private readonly client: WechatPayClient) {}

  /** The bare client has no rule of its own; the register's gate wraps it. */
  assertMayCharge(): Promise<void> {
    return Promise.resolve();
  }

  channelOrderNo(reference: AttemptReference): string {
    return channelOrderNumber(reference.transactionId, reference.attempt, WECHAT_PAY_ORDER_NUMBER);
  }

  async charge(input: ChargeInput): Promise<ChargeOutcome> {
    const order = { ...codeCharge(input), body: SALE_DESCRIPTION, clientIp: input.clientIp };
    return fromWechat(await this.client.payWithCode(order));
  }

  async settle(reference: AttemptReference): Promise<ChargeOutcome> {
    return fromWechat(await this.client.settle(clientAttempt(reference)));
  }

  async refund(input: ProviderRefundInput): Promise<{ providerRefundId: string | null }> {
    const refund = await this.client.refund({
      outTradeNo: this.channelOrderNo(input),
      outRefundNo: input.refundNumber,
      totalFen: input.paidFen,
      refundFen: input.refundFen,
    });
    return { providerRefundId: refund.refundId };
  }
}

export class AlipayProvider implements PaymentProvider {
  readonly name = 'alipay' as const;

  constructor(private readonly client: AlipayClient) {}

  /** The bare client has no rule of its own; the register's gate wraps it. */
  assertMayCharge(): Promise<void> {
    return Promise.resolve();
  }

  channelOrderNo(reference: AttemptReference): string {
    return channelOrderNumber(reference.transactionId, reference.attempt, ALIPAY_ORDER_NUMBER);
  }

  async charge(input: ChargeInput): Promise<ChargeOutcome> {
    const order = { ...codeCharge(input), subject: SALE_DESCRIPTION };
    return fromAlipay(await this.client.payWithCode(order));
  }

  async settle(reference: AttemptReference): Promise<ChargeOutcome> {
    return fromAlipay(await this.client.settle(clientAttempt(reference)));
  }

  async refund(input: ProviderRefundInput): Promise<{ providerRefundId: string | null }> {
    await this.client.refund({
      outTradeNo: this.channelOrderNo(input),
      refundFen: input.refundFen,
      outRequestNo: input.refundNumber,
    });
    return { providerRefundId: null };
  }
}

/** Both clients name an attempt's channel order by the business order id and attempt number. */
function clientAttempt(reference: AttemptReference): { businessOrderId: string; attempt: number } {
  return { businessOrderId: reference.transactionId, attempt: reference.attempt };
}

/** What both clients need to charge a scanned code; each adds its own description fields. */
function codeCharge(input: ChargeInput) {
  return { ...clientAttempt(input), totalFen: input.totalFen, authCode: input.paymentCode };
}

function fromWechat(outcome: WechatPayOutcome): ChargeOutcome {
  if (outcome.outcome !== 'paid') return declined(outcome);
  return {
    outcome: 'paid',
    providerTransactionId: outcome.transactionId,
    payerId: outcome.openid,
    paidFen: outcome.paidFen,
  };
}

function fromAlipay(outcome: AlipayOutcome): ChargeOutcome {
  if (outcome.outcome !== 'paid') return declined(outcome);
  return {
    outcome: 'paid',
    providerTransactionId: outcome.tradeNo,
    payerId: outcome.buyerUserId,
    paidFen: outcome.paidFen,
  };
}

/** A provider's refusal keeps its own code; an attempt we cancelled reads CANCELLED. */
function declined(
  outcome: { outcome: 'failed'; code: string } | { outcome: 'cancelled' },
): ChargeOutcome {
  return { outcome: 'declined', code: outcome.outcome === 'failed' ? outcome.code : CANCELLED };
}

/** Puts a provider behind a check (the supplier register's, C-4.1.4b) or leaves it as it is. */
export type ProviderGate = (provider: PaymentProvider) => PaymentProvider;

/**
 * The providers this server can charge; a code for one that is not set up is not accepted.
 * Every provider handed out has passed through `gate`, so no caller can reach one around it.
 */
export class PaymentProviders {
  private readonly providers = new Map<PaymentProviderName, PaymentProvider>();

  constructor(private readonly gate: ProviderGate = (provider) => provider) {}

  use(provider: PaymentProvider | undefined): void {
    if (provider) this.providers.set(provider.name, provider);
  }

  has(name: PaymentProviderName): boolean {
    return this.providers.has(name);
  }

  get(name: PaymentProviderName): PaymentProvider {
    const provider = this.providers.get(name);
    if (!provider)
      throw new AppError('PAYMENT_CODE_NOT_ACCEPTED', {
        details: { provider: name, reason: 'provider-not-configured' },
      });
    return this.gate(provider);
  }
}
