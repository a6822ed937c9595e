import crypto from 'node:crypto';
import type { SimulatedSignType, WireFields } from './wechat-pay-wire';

/** The WeChat Pay simulator's request rules, its orders, and the answer fields made from them. */

export type WechatPayApiName = 'micropay' | 'orderquery' | 'reverse' | 'refund' | 'unifiedorder';

export interface WechatPayCall {
  api: WechatPayApiName;
  outTradeNo?: string;
}

export type ModelAnswer = { kind: 'xml'; text: string } | { kind: 'hang' } | { kind: 'drop' };

export const REQUIRED: Record<WechatPayApiName, string[]> = {
  micropay: ['body', 'out_trade_no', 'total_fee', 'spbill_create_ip', 'auth_code'],
  orderquery: ['out_trade_no'],
  reverse: ['out_trade_no'],
  refund: ['out_trade_no', 'out_refund_no', 'total_fee', 'refund_fee'],
  unifiedorder: [
    'body',
    'out_trade_no',
    'total_fee',
    'spbill_create_ip',
    'notify_url',
    'trade_type',
  ],
};
export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{1,32}$/;
export const WECHAT_CODE = /^1[0-5]\d{16}$/;
export const AMOUNT = /^[1-9]\d{0,9}$/;

export type WechatPayScenario = (
  | { kind: 'success' }
  /** USERPAYING from the pay call and the first N queries, then SUCCESS (field case A). */
  | { kind: 'paying-then-success'; payingQueries: number }
  /** USERPAYING on every query until reversed (field case B). */
  | { kind: 'never-confirms' }
  /** The pay call answers SYSTEMERROR (or BANKERROR); the order is paid or not (case C). */
  | { kind: 'system-error'; errCode?: 'SYSTEMERROR' | 'BANKERROR'; paid: boolean }
  /** No answer at all: hang past the client's timeout, or drop the connection (case C). */
  | { kind: 'no-answer'; how: 'hang' | 'drop'; paid: boolean }
  /** USERPAYING on every query; the shopper pays just before the reverse arrives. */
  | { kind: 'pays-before-reverse' }
  /** The pay call is declined with this err_code (NOTENOUGH, AUTHCODEEXPIRE, ...). */
  | { kind: 'refused'; errCode: string; errCodeDes?: string }
) & {
  /** Who pays; a stable openid derived from the code when not given. */
  openid?: string;
  /** How many reverse calls answer recall=Y before one goes through. */
  reverseRecalls?: number;
};

export type TradeState =
  'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

export interface SimulatedOrder {
  outTradeNo: string;
  tradeType: 'MICROPAY' | 'JSAPI' | 'NATIVE';
  totalFee: number;
  state: TradeState;
  authCode?: string;
  openid?: string;
  transactionId?: string;
  timeEnd?: string;
  prepayId?: string;
}

export interface SimulatedRefund {
  outTradeNo: string;
  outRefundNo: string;
  refundId: string;
  refundFee: number;
}

export interface OrderRecord extends SimulatedOrder {
  scenario: WechatPayScenario;
  signType: SimulatedSignType;
  payingQueriesLeft: number;
  recallsLeft: number;
  request: WireFields;
}

/** The decision of one call: the answer's own fields, or silence. */
export type Outcome = { fields: WireFields; silence?: 'hang' | 'drop' };

export function declined(errCode: string, description: string): Outcome {
  return { fields: { result_code: 'FAIL', err_code: errCode, err_code_des: description } };
}

export function paymentFields(record: OrderRecord): WireFields {
  return {
    openid: record.openid ?? '',
    is_subscribe: 'N',
    trade_type: record.tradeType,
    bank_type: 'OTHERS',
    fee_type: 'CNY',
    total_fee: String(record.totalFee),
    cash_fee: String(record.totalFee),
    transaction_id: record.transactionId ?? '',
    out_trade_no: record.outTradeNo,
    time_end: record.timeEnd ?? '',
  };
}

export function refundFields(record: OrderRecord, refund: SimulatedRefund): WireFields {
  return {
    result_code: 'SUCCESS',
    transaction_id: record.transactionId ?? '',
    out_trade_no: record.outTradeNo,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_fee: String(refund.refundFee),
    total_fee: String(record.totalFee),
    cash_fee: String(record.totalFee),
  };
}

export function publicOrder(record: OrderRecord): SimulatedOrder {
  const {
    outTradeNo,
    tradeType,
    totalFee,
    state,
    authCode,
    openid,
    transactionId,
    timeEnd,
    prepayId,
  } = record;
  return {
    outTradeNo,
    tradeType,
    totalFee,
    state,
    authCode,
    openid,
    transactionId,
    timeEnd,
    prepayId,
  };
}

/** An openid the same code always pays with, unless the script names one. */
export function stableOpenid(seed: string): string {
  return `o${crypto.createHash('sha256').update(seed).digest('base64url').slice(0, 27)}`;
}

export function digits(count: number): string {
  let text = '';
  while (text.length < count) text += crypto.randomInt(0, 1e9).toString().padStart(9, '0');
  return text.slice(0, count);
}

/** yyyyMMddHHmmss in Beijing time, whatever the process time zone. */
export function beijingCompact(epochMs: number): string {
  return new Date(epochMs + 8 * 60 * 60 * 1000).toISOString().replace(/\D/g, '').slice(0, 14);
}
