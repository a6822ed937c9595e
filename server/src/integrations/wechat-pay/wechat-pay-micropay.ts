import { AppError } from '@memberkit/shared';
import type { Logger } from '../../platform/logger';
import { beijingIso } from './wechat-pay-notification';
import type { WechatPayFields } from './wechat-pay-xml';

/**
 * The payment-code state machine of protocols/wechat-pay-micropay.md "Outcome rules" and
 * field cases A-D. Its one promise: an outcome that is not known is never reported as
 * "failed". Paid, failed and cancelled are returned; an outcome that stays unknown after
 * querying and reversing throws PAYMENT_OUTCOME_UNKNOWN with the channel order number, which
 * the caller keeps for reconciliation.
 */
export type WechatPayOutcome =
  | { outcome: 'paid'; transactionId: string; openid: string; paidFen: number; timeEnd: string }
  | { outcome: 'failed'; code: string }
  | { outcome: 'cancelled' };

type PaidOutcome = Extract<WechatPayOutcome, { outcome: 'paid' }>;

/** What one v2 call gave: a verified answer, a refusal of the request itself, or nothing usable. */
export type WechatPayReply =
  | { kind: 'answered'; fields: WechatPayFields }
  | { kind: 'refused'; returnMsg: string }
  | { kind: 'silent'; reason: SilentReason };

export type SilentReason =
  'timeout' | 'network' | 'http-status' | 'unreadable' | 'bad-signature' | 'wrong-merchant';

export interface MicropayRequest {
  outTradeNo: string;
  totalFen: number;
  authCode: string;
  body: string;
  clientIp: string;
}

export interface MicropayChannel {
  micropay(request: MicropayRequest): Promise<WechatPayReply>;
  orderQuery(outTradeNo: string): Promise<WechatPayReply>;
  reverse(outTradeNo: string): Promise<WechatPayReply>;
}

export interface MicropayTiming {
  pollIntervalMs: number;
  deadlineMs: number;
  now: () => number;
  log?: Logger;
}

type OrderState =
  | { state: 'paid'; paid: PaidOutcome }
  | { state: 'user-paying' }
  | { state: 'not-paid' }
  | { state: 'closed' }
  | { state: 'pay-error' }
  | { state: 'missing' }
  | { state: 'unknown' };

type ReverseStep = 'reversed' | 'paid' | 'again' | 'stop';

/** The pay call's err_codes that leave the outcome open (protocols: "the outcome is unknown"). */
const UNKNOWN_ERR_CODES = new Set(['SYSTEMERROR', 'BANKERROR']);
const MAX_REVERSALS = 5;
const MAX_CONFIRMATIONS = 3;

export class MicropayAttempt {
  private readonly deadlineAt: number;
  private readonly maxPolls: number;

  constructor(
    private readonly channel: MicropayChannel,
    private readonly timing: MicropayTiming,
    private readonly outTradeNo: string,
  ) {
    this.deadlineAt = timing.now() + timing.deadlineMs;
    // The clock ends the polling; the count is a backstop for a clock that stands still.
    this.maxPolls = Math.ceil(timing.deadlineMs / Math.max(1, timing.pollIntervalMs)) + 1;
  }

  async run(request: MicropayRequest): Promise<WechatPayOutcome> {
    const reply = await this.channel.micropay(request);
    if (reply.kind === 'refused') return this.failed(refusalCode(reply.returnMsg));
    if (reply.kind === 'silent') return this.settleUnknown(reply.reason);
    return this.afterPayAnswer(reply.fields);
  }

  /**
   * Settle an attempt whose pay call may or may not have reached WeChat, because the process
   * that sent it died (issue #6): the same rules as an unknown outcome (query, wait for the
   * shopper, reverse), and never a second pay call under this number.
   */
  resume(): Promise<WechatPayOutcome> {
    return this.settleUnknown('resumed');
  }

  private async afterPayAnswer(fields: WechatPayFields): Promise<WechatPayOutcome> {
    if (fields.result_code === 'SUCCESS') {
      const paid = paidOutcome(fields, this.outTradeNo);
      return paid ? this.paid(paid) : this.settleUnknown('incomplete-answer');
    }

    const errCode = fields.err_code ?? '';
    if (errCode === 'USERPAYING') return this.waitForShopper();
    // This very number was paid before: an earlier try of the same attempt. Read it back.
    if (errCode === 'ORDERPAID') return this.confirmPaid();
    if (!errCode || UNKNOWN_ERR_CODES.has(errCode))
      return this.settleUnknown(errCode || 'no-err-code');
    return this.failed(errCode);
  }

  /** USERPAYING: query every interval until SUCCESS or the deadline, then reverse (case A, B). */
  private async waitForShopper(): Promise<WechatPayOutcome> {
    for (let polls = 0; polls < this.maxPolls; polls += 1) {
      await this.pause();
      const settled = this.settledBy(await this.queryState());
      if (settled) return settled;
      if (this.timing.now() >= this.deadlineAt) break;
    }

    this.timing.log?.info({ outTradeNo: this.outTradeNo }, 'wechat pay deadline reached');
    return this.reverseOrder();
  }

  /** SYSTEMERROR, BANKERROR or no answer (case C): query; if still unknown, reverse. */
  private async settleUnknown(reason: string): Promise<WechatPayOutcome> {
    this.timing.log?.warn({ outTradeNo: this.outTradeNo, reason }, 'wechat pay outcome unknown');
    await this.pause();

    const found = await this.queryState();
    const settled = this.settledBy(found);
    if (settled) return settled;
    if (found.state === 'user-paying') return this.waitForShopper();
    return this.reverseOrder();
  }

  /** Reverse, again while WeChat says recall=Y; a reverse that finds the order paid is paid. */
  private async reverseOrder(): Promise<WechatPayOutcome> {
    for (let tries = 0; tries < MAX_REVERSALS; tries += 1) {
      const step = reverseStep(await this.channel.reverse(this.outTradeNo));
      if (step === 'reversed') return this.cancelled();
      if (step === 'paid') return this.confirmPaid();
      if (step === 'stop') break;
      await this.pause();
    }
    return this.reconcile();
  }

  /** The reverse did not settle it: the order's own state decides, or it stays unknown. */
  private async reconcile(): Promise<WechatPayOutcome> {
    const found = await this.queryState();
    const settled = this.settledBy(found);
    if (settled) return settled;
    // WeChat holds no order under this number: nothing was charged, and it is never reused.
    if (found.state === 'missing') return this.cancelled();
    throw this.outcomeUnknown('reverse');
  }

  /** Told the order was paid: read the payment (transaction id, payer) back from a query. */
  private async confirmPaid(): Promise<WechatPayOutcome> {
    for (let tries = 0; tries < MAX_CONFIRMATIONS; tries += 1) {
      const settled = this.settledBy(await this.queryState());
      if (settled) return settled;
      await this.pause();
    }
    throw this.outcomeUnknown('confirm-paid');
  }

  private settledBy(found: OrderState): WechatPayOutcome | undefined {
    if (found.state === 'paid') return this.paid(found.paid);
    if (found.state === 'closed') return this.cancelled();
    if (found.state === 'pay-error') return this.failed('PAYERROR');
    return undefined;
  }

  private async queryState(): Promise<OrderState> {
    const reply = await this.channel.orderQuery(this.outTradeNo);
    if (reply.kind !== 'answered') return { state: 'unknown' };
    return orderState(reply.fields, this.outTradeNo);
  }

  private paid(paid: PaidOutcome): PaidOutcome {
    this.timing.log?.info({ outTradeNo: this.outTradeNo }, 'wechat pay paid');
    return paid;
  }

  private cancelled(): WechatPayOutcome {
    this.timing.log?.info({ outTradeNo: this.outTradeNo }, 'wechat pay order reversed');
    return { outcome: 'cancelled' };
  }

  private failed(code: string): WechatPayOutcome {
    this.timing.log?.info({ outTradeNo: this.outTradeNo, errCode: code }, 'wechat pay refused');
    return { outcome: 'failed', code };
  }

  private outcomeUnknown(stage: string): AppError {
    this.timing.log?.error({ outTradeNo: this.outTradeNo, stage }, 'wechat pay outcome unsettled');
    return new AppError('PAYMENT_OUTCOME_UNKNOWN', {
      details: { provider: 'wechat-pay', outTradeNo: this.outTradeNo, stage },
    });
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.timing.pollIntervalMs));
  }
}

function orderState(fields: WechatPayFields, outTradeNo: string): OrderState {
  if (fields.result_code !== 'SUCCESS')
    return fields.err_code === 'ORDERNOTEXIST' ? { state: 'missing' } : { state: 'unknown' };

  switch (fields.trade_state) {
    case 'SUCCESS':
    case 'REFUND': {
      // REFUND: paid, and refunded since; the payment itself did happen.
      const paid = paidOutcome(fields, outTradeNo);
      return paid ? { state: 'paid', paid } : { state: 'unknown' };
    }
    case 'USERPAYING':
      return { state: 'user-paying' };
    case 'NOTPAY':
      return { state: 'not-paid' };
    case 'CLOSED':
    case 'REVOKED':
      return { state: 'closed' };
    case 'PAYERROR':
      return { state: 'pay-error' };
    default:
      return { state: 'unknown' };
  }
}

function reverseStep(reply: WechatPayReply): ReverseStep {
  if (reply.kind === 'silent') return 'again';
  if (reply.kind === 'refused') return 'stop';

  const { fields } = reply;
  if (fields.recall === 'Y') return 'again';
  if (fields.result_code === 'SUCCESS') return 'reversed';
  // The shopper paid between the last query and the reverse (protocols: treat it as paid).
  if (fields.err_code === 'ORDERPAID') return 'paid';
  return UNKNOWN_ERR_CODES.has(fields.err_code ?? '') ? 'again' : 'stop';
}

function paidOutcome(fields: WechatPayFields, outTradeNo: string): PaidOutcome | undefined {
  const { transaction_id: transactionId, openid, total_fee: totalFee, time_end: timeEnd } = fields;
  if (!transactionId || !openid || !/^\d+$/.test(totalFee ?? '') || !/^\d{14}$/.test(timeEnd ?? ''))
    return undefined;
  // An answer about another order is no answer about ours.
  if (fields.out_trade_no !== undefined && fields.out_trade_no !== outTradeNo) return undefined;

  return {
    outcome: 'paid',
    transactionId,
    openid,
    paidFen: Number(totalFee),
    timeEnd: beijingIso(timeEnd),
  };
}

/** return_code FAIL: our request was wrong, so nothing was charged (protocols "Outcome rules"). */
function refusalCode(returnMsg: string): string {
  return /签名|sign/i.test(returnMsg) ? 'SIGNERROR' : 'REQUEST_INVALID';
}
