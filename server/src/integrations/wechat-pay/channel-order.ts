import { AppError } from '@memberkit/shared';

/**
 * Rules every payment-code channel shares (WeChat Pay here, Alipay imports them): which
 * amounts reach a provider at all, and how a business order maps to channel order numbers.
 */
export interface OrderNumberRule {
  provider: 'wechat-pay' | 'alipay';
  maxLength: number;
  characters: RegExp;
}

/** protocols/wechat-pay-micropay.md: at most 32 characters of [0-9A-Za-z_-|*]. */
export const WECHAT_PAY_ORDER_NUMBER: OrderNumberRule = {
  provider: 'wechat-pay',
  maxLength: 32,
  characters: /^[0-9A-Za-z_\-|*]+$/,
};

/**
 * Alipay allows 64 characters. TODO(#6): Alipay's reference names letters, digits and the
 * underscore only; the hyphen of `<order>-<attempt>` is accepted in practice: confirm with the
 * acquirer before going live.
 */
export const ALIPAY_ORDER_NUMBER: OrderNumberRule = {
  provider: 'alipay',
  maxLength: 64,
  characters: /^[0-9A-Za-z_-]+$/,
};

/**
 * Field case "Money (fen)": 0 fen is settled at the till and no payment provider is called.
 * Negative or fractional fen is refused as MONEY_INVALID.
 */
export function settlesLocally(totalFen: number): boolean {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0)
    throw new AppError('MONEY_INVALID', {
      details: { reason: 'fen must be a non-negative integer' },
    });
  return totalFen === 0;
}

/** The guard the clients apply before any request: a provider never sees 0 fen. */
export function assertChargeable(totalFen: number): void {
  if (settlesLocally(totalFen)) throw new AppError('PAYMENT_AMOUNT_ZERO');
}

/**
 * `<businessOrderId>-<attempt>` (field case D): each new payment code is a new attempt and so
 * a new channel order number; one business order maps to many, none is ever sent twice.
 */
export function channelOrderNumber(
  businessOrderId: string,
  attempt: number,
  rule: OrderNumberRule = WECHAT_PAY_ORDER_NUMBER,
): string {
  if (!Number.isSafeInteger(attempt) || attempt < 1)
    throw orderNumberInvalid(rule, 'attempt must be a positive integer');

  const number = `${businessOrderId}-${attempt}`;
  if (number.length > rule.maxLength)
    throw orderNumberInvalid(rule, `longer than ${rule.maxLength} characters`);
  if (!rule.characters.test(number)) throw orderNumberInvalid(rule, 'characters not allowed');
  return number;
}

function orderNumberInvalid(rule: OrderNumberRule, reason: string): AppError {
  return new AppError('PAYMENT_ORDER_NUMBER_INVALID', {
    details: { provider: rule.provider, reason },
  });
}
