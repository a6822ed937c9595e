import crypto from 'node:crypto';

/** The Alipay simulator's trades, how scripted buyers behave, and the answers made from them. */
export type AlipayScenario = (
  | { kind: 'success' }
  /** 10003 from the pay call, WAIT_BUYER_PAY for the first N queries, then TRADE_SUCCESS. */
  | { kind: 'paying-then-success'; waitingQueries: number }
  /** WAIT_BUYER_PAY on every query until cancelled. */
  | { kind: 'never-confirms' }
  /** The pay call answers 20000; the trade is paid, or was never made. */
  | { kind: 'system-error'; paid: boolean }
  /** No answer at all: hang past the client's timeout, or drop the connection. */
  | { kind: 'no-answer'; how: 'hang' | 'drop'; paid: boolean }
  /** WAIT_BUYER_PAY on every query; the buyer pays just before the cancel (action refund). */
  | { kind: 'pays-before-cancel' }
  /** 40004 with this sub_code (ACQ.PAYMENT_AUTH_CODE_INVALID, ACQ.BUYER_BALANCE_NOT_ENOUGH). */
  | { kind: 'refused'; subCode: string; subMsg?: string }
) & {
  /** Who pays (2088 + 12 digits); a stable one derived from the code when not given. */
  buyerUserId?: string;
  /** How many cancel calls answer retry_flag=Y before one goes through. */
  cancelRetries?: number;
};

export type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';

export interface SimulatedTrade {
  outTradeNo: string;
  tradeNo: string;
  /** total_amount exactly as the request wrote it. */
  totalAmount: string;
  totalFen: number;
  status: TradeStatus;
  authCode?: string;
  buyerUserId: string;
  gmtPayment?: string;
  /** What the last cancel did: closed the trade, or refunded a payment. */
  cancelAction?: 'close' | 'refund';
}

export interface SimulatedAlipayRefund {
  outTradeNo: string;
  outRequestNo: string;
  refundFen: number;
}

export interface TradeRecord extends SimulatedTrade {
  scenario: AlipayScenario;
  waitingQueriesLeft: number;
  cancelRetriesLeft: number;
}

/** The decision of one call: the response object (signed unless a request refusal), or silence. */
export type Decision = { response: Record<string, unknown>; silence?: 'hang' | 'drop' };

export function success(fields: Record<string, unknown>): Decision {
  return { response: { code: '10000', msg: 'Success', ...fields } };
}

export function businessFailure(subCode: string, subMsg: string, extra = {}): Decision {
  return {
    response: {
      code: '40004',
      msg: 'Business Failed',
      sub_code: subCode,
      sub_msg: subMsg,
      ...extra,
    },
  };
}

export function paidFields(trade: TradeRecord, timeField: 'gmt_payment' | 'send_pay_date') {
  return {
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    buyer_logon_id: '159****5620',
    buyer_user_id: trade.buyerUserId,
    total_amount: fenToYuan(trade.totalFen),
    receipt_amount: fenToYuan(trade.totalFen),
    [timeField]: trade.gmtPayment,
    fund_bill_list: [{ fund_channel: 'ALIPAYACCOUNT', amount: fenToYuan(trade.totalFen) }],
  };
}

export function publicTrade(record: TradeRecord): SimulatedTrade {
  const { outTradeNo, tradeNo, totalAmount, totalFen, status, authCode, buyerUserId } = record;
  const { gmtPayment, cancelAction } = record;
  return {
    outTradeNo,
    tradeNo,
    totalAmount,
    totalFen,
    status,
    authCode,
    buyerUserId,
    gmtPayment,
    cancelAction,
  };
}

/** The simulator's own yuan reading: at most two decimals, more than zero. */
export function yuanToFen(text: string | undefined): number | undefined {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text ?? '');
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : undefined;
}

export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export function stableBuyerUserId(seed: string): string {
  const number = BigInt(`0x${crypto.createHash('sha256').update(seed).digest('hex').slice(0, 15)}`);
  return `2088${(number % 10n ** 12n).toString().padStart(12, '0')}`;
}

export function newTradeNo(epochMs: number): string {
  return `${beijingTime(epochMs).slice(0, 10).replaceAll('-', '')}22001${digits(15)}`;
}

/** yyyy-MM-dd HH:mm:ss in Beijing time. */
export function beijingTime(epochMs: number): string {
  const iso = new Date(epochMs + 8 * 60 * 60 * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function digits(count: number): string {
  let text = '';
  while (text.length < count) text += crypto.randomInt(0, 1e9).toString().padStart(9, '0');
  return text.slice(0, count);
}
