import { AppError, parseYuan } from '@memberkit/shared';
import type { Logger } from '../../platform/logger';
import { beijingIsoFromAlipay } from './alipay-signature';

/**
 * The payment-code state machine of protocols/alipay-barcode.md "Outcome rules": 10000 paid;
 * 10003 query until the deadline, then cancel; 20000, a timeout or no answer is unknown:
 * query, then cancel; 40004 failed with its sub_code. An outcome that is not known is never
 * "failed": if querying and cancelling cannot settle it, PAYMENT_OUTCOME_UNKNOWN is thrown
 * with the channel order number for reconciliation.
 */
export type AlipayOutcome =
  | { outcome: 'paid'; tradeNo: string; buyerUserId: string; paidFen: number; paidAt?: string }
  | { outcome: 'failed'; code: string }
  | { outcome: 'cancelled' };

type PaidOutcome = Extract<AlipayOutcome, { outcome: 'paid' }>;

export type AlipayFields = Record<string, unknown>;

/** A verified answer, an unsigned refusal of the request itself, or nothing usable. */
export type AlipayReply =
  | { kind: 'answered'; fields: AlipayFields }
  | { kind: 'refused'; code: string; subCode?: string }
  | {
      kind: 'silent';
      reason: 'timeout' | 'network' | 'http-status' | 'unreadable' | 'bad-signature';
    };

export interface BarcodePayRequest {
  outTradeNo: string;
  totalFen: number;
  authCode: string;
  subject: string;
}

export interface BarcodeChannel {
  tradePay(request: BarcodePayRequest): Promise<AlipayReply>;
  tradeQuery(outTradeNo: string): Promise<AlipayReply>;
  tradeCancel(outTradeNo: string): Promise<AlipayReply>;
}

export interface BarcodeTiming {
  pollIntervalMs: number;
  deadlineMs: number;
  now: () => number;
  log?: Logger;
}

type TradeState =
  | { state: 'paid'; paid: PaidOutcome }
  | { state: 'waiting' }
  | { state: 'closed' }
  | { state: 'missing' }
  | { state: 'unknown' };

type CancelStep = 'cancelled' | 'again' | 'stop';

const MAX_CANCELS = 5;
const MAX_CONFIRMATIONS = 3;
/** 40004 sub_codes that do not decline the payment: the outcome is open, or it is paid. */
const UNKNOWN_SUB_CODES = new Set(['ACQ.SYSTEM_ERROR']);
const PAID_SUB_CODES = new Set(['ACQ.TRADE_HAS_SUCCESS']);

export class BarcodeAttempt {
  private readonly deadlineAt: number;
  private readonly maxPolls: number;

  constructor(
    private readonly channel: BarcodeChannel,
    private readonly timing: BarcodeTiming,
    private readonly outTradeNo: string,
  ) {
    this.deadlineAt = timing.now() + timing.deadlineMs;
    this.maxPolls = Math.ceil(timing.deadlineMs / Math.max(1, timing.pollIntervalMs)) + 1;
  }

  async run(request: BarcodePayRequest): Promise<AlipayOutcome> {
    const reply = await this.channel.tradePay(request);
    if (reply.kind === 'refused') return this.failed(reply.subCode ?? reply.code);
    if (reply.kind === 'silent') return this.settleUnknown(reply.reason);
    return this.afterPayAnswer(reply.fields);
  }

  /**
   * Settle a trade whose pay call may or may not have reached Alipay, because the process that
   * sent it died (issue #6): query, wait for the buyer, cancel, as for an unknown outcome, and
   * never a second pay call under this number.
   */
  resume(): Promise<AlipayOutcome> {
    return this.settleUnknown('resumed');
  }

  private async afterPayAnswer(fields: AlipayFields): Promise<AlipayOutcome> {
    const code = text(fields.code);
    const subCode = text(fields.sub_code);
    if (code === '10000') {
      const paid = paidOutcome(fields, this.outTradeNo, 'gmt_payment');
      return paid ? this.paid(paid) : this.settleUnknown('incomplete-answer');
    }

    if (code === '10003') return this.waitForBuyer();
    if (code === '40004' && PAID_SUB_CODES.has(subCode)) return this.confirmPaid();
    if (code === '40004' && !UNKNOWN_SUB_CODES.has(subCode)) return this.failed(subCode || code);
    return this.settleUnknown(subCode || code || 'no-code');
  }

  /** 10003 WAIT_BUYER_PAY: query every interval until paid or the deadline, then cancel. */
  private async waitForBuyer(): Promise<AlipayOutcome> {
    for (let polls = 0; polls < this.maxPolls; polls += 1) {
      await this.pause();
      const settled = this.settledBy(await this.queryState());
      if (settled) return settled;
      if (this.timing.now() >= this.deadlineAt) break;
    }

    this.timing.log?.info({ outTradeNo: this.outTradeNo }, 'alipay deadline reached');
    return this.cancelTrade();
  }

  /** 20000, a timeout or no answer: query; a waiting buyer is waited for, anything else cancelled. */
  private async settleUnknown(reason: string): Promise<AlipayOutcome> {
    this.timing.log?.warn({ outTradeNo: this.outTradeNo, reason }, 'alipay outcome unknown');
    await this.pause();

    const found = await this.queryState();
    const settled = this.settledBy(found);
    if (settled) return settled;
    if (found.state === 'waiting') return this.waitForBuyer();
    return this.cancelTrade();
  }

  /** alipay.trade.cancel, again while retry_flag is Y; it closes or refunds (action). */
  private async cancelTrade(): Promise<AlipayOutcome> {
    for (let tries = 0; tries < MAX_CANCELS; tries += 1) {
      const step = cancelStep(await this.channel.tradeCancel(this.outTradeNo));
      if (step === 'cancelled') return this.cancelled();
      if (step === 'stop') break;
      await this.pause();
    }
    return this.reconcile();
  }

  private async reconcile(): Promise<AlipayOutcome> {
    const found = await this.queryState();
    const settled = this.settledBy(found);
    if (settled) return settled;
    if (found.state === 'missing') return this.cancelled();
    throw this.outcomeUnknown('cancel');
  }

  /** Told the trade was paid (ACQ.TRADE_HAS_SUCCESS): read the payment back from a query. */
  private async confirmPaid(): Promise<AlipayOutcome> {
    for (let tries = 0; tries < MAX_CONFIRMATIONS; tries += 1) {
      const settled = this.settledBy(await this.queryState());
      if (settled) return settled;
      await this.pause();
    }
    throw this.outcomeUnknown('confirm-paid');
  }

  private settledBy(found: TradeState): AlipayOutcome | undefined {
    if (found.state === 'paid') return this.paid(found.paid);
    if (found.state === 'closed') return this.cancelled();
    return undefined;
  }

  private async queryState(): Promise<TradeState> {
    const reply = await this.channel.tradeQuery(this.outTradeNo);
    if (reply.kind !== 'answered') return { state: 'unknown' };
    return tradeState(reply.fields, this.outTradeNo);
  }

  private paid(paid: PaidOutcome): PaidOutcome {
    this.timing.log?.info({ outTradeNo: this.outTradeNo }, 'alipay paid');
    return paid;
  }

  private cancelled(): AlipayOutcome {
    this.timing.log?.info({ outTradeNo: this.outTradeNo }, 'alipay trade cancelled');
    return { outcome: 'cancelled' };
  }

  private failed(code: string): AlipayOutcome {
    this.timing.log?.info({ outTradeNo: this.outTradeNo, subCode: code }, 'alipay declined');
    return { outcome: 'failed', code };
  }

  private outcomeUnknown(stage: string): AppError {
    this.timing.log?.error({ outTradeNo: this.outTradeNo, stage }, 'alipay outcome unsettled');
    return new AppError('PAYMENT_OUTCOME_UNKNOWN', {
      details: { provider: 'alipay', outTradeNo: this.outTradeNo, stage },
    });
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.timing.pollIntervalMs));
  }
}

function tradeState(fields: AlipayFields, outTradeNo: string): TradeState {
  if (text(fields.code) !== '10000')
    return text(fields.sub_code) === 'ACQ.TRADE_NOT_EXIST'
      ? { state: 'missing' }
      : { state: 'unknown' };

  switch (text(fields.trade_status)) {
    case 'TRADE_SUCCESS':
    case 'TRADE_FINISHED': {
      const paid = paidOutcome(fields, outTradeNo, 'send_pay_date');
      return paid ? { state: 'paid', paid } : { state: 'unknown' };
    }
    case 'WAIT_BUYER_PAY':
      return { state: 'waiting' };
    case 'TRADE_CLOSED':
      return { state: 'closed' };
    default:
      return { state: 'unknown' };
  }
}

function cancelStep(reply: AlipayReply): CancelStep {
  if (reply.kind === 'silent') return 'again';
  if (reply.kind === 'refused') return 'stop';

  const { fields } = reply;
  if (text(fields.retry_flag) === 'Y') return 'again';
  // action: close (nothing was paid) or refund (it was paid, and the money goes back).
  if (text(fields.code) === '10000') return 'cancelled';
  return text(fields.code) === '20000' ? 'again' : 'stop';
}

function paidOutcome(
  fields: AlipayFields,
  outTradeNo: string,
  timeField: string,
): PaidOutcome | undefined {
  const tradeNo = text(fields.trade_no);
  const buyerUserId = text(fields.buyer_user_id);
  const paidFen = yuanToFen(fields.total_amount);
  if (!tradeNo || !buyerUserId || paidFen === undefined) return undefined;
  // An answer about another trade is no answer about ours.
  if (fields.out_trade_no !== undefined && fields.out_trade_no !== outTradeNo) return undefined;

  const paidAt = beijingIsoFromAlipay(text(fields[timeField]));
  return { outcome: 'paid', tradeNo, buyerUserId, paidFen, ...(paidAt ? { paidAt } : {}) };
}

/** A yuan string ("88.88") as fen, parsed as a decimal, never through a float; else undefined. */
export function yuanToFen(amount: unknown): number | undefined {
  try {
    return typeof amount === 'string' ? parseYuan(amount) : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
