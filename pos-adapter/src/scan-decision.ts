import {
  AppError,
  classifyPaymentCode,
  normalizePaymentCode,
  parseMemberCode,
  type PaymentCodeTable,
} from '@memberkit/shared';
import { UNIONPAY_REFUSED } from './till-messages';

/** What the till does with one scanned code (C-4.2.1.4). */
export type ScanDecision =
  /** Charge it through the server (wechat-pay-micropay.md, alipay-barcode.md). */
  | { kind: 'payment'; provider: 'wechat' | 'alipay'; paymentCode: string }
  /** Attach it to the sale for points (design.md "Member code"). */
  | { kind: 'member'; memberCode: string }
  /** A product for the till's basket: never sent to the server or a payment provider. */
  | { kind: 'product'; barcode: string };

/**
 * Decide what a scanned code is for, or refuse it with a coded error. UnionPay codes are
 * recognised and refused at the till: no acquirer is configured, and a UnionPay code must
 * never reach another provider. Anything unrecognised is refused rather than guessed.
 */
export function decideScan(text: string, table: PaymentCodeTable): ScanDecision {
  const code = normalizePaymentCode(text);
  const kind = classifyPaymentCode(code, table);
  if (kind === 'wechat' || kind === 'alipay')
    return { kind: 'payment', provider: kind, paymentCode: code };
  if (kind === 'member') {
    parseMemberCode(code);
    return { kind: 'member', memberCode: code };
  }
  if (kind === 'barcode') return { kind: 'product', barcode: code };
  if (kind === 'unionpay')
    // TODO(#6): accept UnionPay once an acquirer is configured; until then refuse at the till.
    throw new AppError('PAYMENT_CODE_NOT_ACCEPTED', {
      message: `${UNIONPAY_REFUSED.zh} / ${UNIONPAY_REFUSED.en}`,
      details: { kind: 'unionpay' },
    });
  throw new AppError('SCAN_CODE_UNRECOGNISED');
}
