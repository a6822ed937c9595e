import type crypto from 'node:crypto';
import { AppError, formatYuan } from '@memberkit/shared';
import type { Logger } from '../../platform/logger';
import {
  ALIPAY_ORDER_NUMBER,
  assertChargeable,
  channelOrderNumber,
} from '../wechat-pay/channel-order';
import {
  BarcodeAttempt,
  yuanToFen,
  type AlipayFields,
  type AlipayOutcome,
  type AlipayReply,
  type BarcodeChannel,
  type BarcodePayRequest,
} from './alipay-checkout';
import { readRawAlipayAnswer } from './alipay-response';
import {
  alipaySignatureMatches,
  beijingTimestamp,
  loadAlipayPrivateKey,
  loadAlipayPublicKey,
  signAlipay,
  type AlipayParams,
} from './alipay-signature';

export interface AlipayClientOptions {
  /** https://openapi.alipay.com/gateway.do in production; the simulator's in dev and tests. */
  baseUrl: string;
  appId: string;
  /** The merchant's application private key, PKCS#1 or PKCS#8 PEM (or Alipay's bare base64). */
  privateKeyPem: string;
  /** Alipay's public key for this application, which verifies every answer. */
  alipayPublicKeyPem: string;
  log?: Logger;
  timeoutMs?: number;
  /** Query interval while the buyer confirms (protocols: every 3-6 s). */
  pollIntervalMs: number;
  /** From the pay call to the cancel (protocols: about 60 s). */
  deadlineMs: number;
  now?: () => number;
}

export interface AlipayPayWithCodeInput {
  businessOrderId: string;
  /** 1 for the first payment code scanned for this order, 2 for the next, ... */
  attempt: number;
  totalFen: number;
  authCode: string;
  subject: string;
}

export interface AlipayRefundInput {
  outTradeNo: string;
  refundFen: number;
  /** The same out_request_no again is the same refund, not a second one. */
  outRequestNo: string;
  reason?: string;
}

export interface AlipayRefund {
  /** The total refunded on this trade so far (refund_fee). */
  refundedFen: number;
  /** false when this out_request_no had already been refunded. */
  fundChange: boolean;
}

export type AlipayMethod =
  'alipay.trade.pay' | 'alipay.trade.query' | 'alipay.trade.cancel' | 'alipay.trade.refund';

const DEFAULT_TIMEOUT_MS = 10_000;
/** Refusals of the request itself, which the gateway answers unsigned. */
const REQUEST_REFUSALS = new Set(['20001', '40001', '40002']);

/** The Alipay open platform gateway (protocols/alipay-barcode.md): form POST, RSA2, JSON. */
export class AlipayClient implements BarcodeChannel {
  private readonly privateKey: crypto.KeyObject;
  private readonly alipayPublicKey: crypto.KeyObject;
  private readonly gatewayUrl: string;
  private readonly now: () => number;

  constructor(private readonly options: AlipayClientOptions) {
    this.privateKey = loadKey('privateKeyPem', () => loadAlipayPrivateKey(options.privateKeyPem));
    this.alipayPublicKey = loadKey('alipayPublicKeyPem', () =>
      loadAlipayPublicKey(options.alipayPublicKeyPem),
    );
    this.now = options.now ?? Date.now;
    // Checked here, so a malformed URL fails at start rather than at the first sale.
    this.gatewayUrl = new URL(options.baseUrl).href;
  }

  /**
   * Charge a scanned Alipay code. The channel order number is `<businessOrderId>-<attempt>`,
   * never reused. Throws PAYMENT_OUTCOME_UNKNOWN when Alipay never settles the trade.
   */
  async payWithCode(input: AlipayPayWithCodeInput): Promise<AlipayOutcome> {
    assertChargeable(input.totalFen);
    const outTradeNo = channelOrderNumber(
      input.businessOrderId,
      input.attempt,
      ALIPAY_ORDER_NUMBER,
    );

    const { pollIntervalMs, deadlineMs, log } = this.options;
    const timing = { pollIntervalMs, deadlineMs, log, now: this.now };
    const { totalFen, authCode, subject } = input;
    return new BarcodeAttempt(this, timing, outTradeNo).run({
      outTradeNo,
      totalFen,
      authCode,
      subject,
    });
  }

  /**
   * Settle attempt `attempt` of an order begun before a restart (issue #6): query, then
   * cancel, as for an unknown outcome; the payment code is never sent again.
   */
  async settle(input: { businessOrderId: string; attempt: number }): Promise<AlipayOutcome> {
    const outTradeNo = channelOrderNumber(
      input.businessOrderId,
      input.attempt,
      ALIPAY_ORDER_NUMBER,
    );

    const { pollIntervalMs, deadlineMs, log } = this.options;
    const timing = { pollIntervalMs, deadlineMs, log, now: this.now };
    return new BarcodeAttempt(this, timing, outTradeNo).resume();
  }

  tradePay(request: BarcodePayRequest): Promise<AlipayReply> {
    assertChargeable(request.totalFen);
    return this.call('alipay.trade.pay', {
      out_trade_no: request.outTradeNo,
      scene: 'bar_code',
      auth_code: request.authCode,
      subject: request.subject,
      total_amount: formatYuan(request.totalFen),
    });
  }

  tradeQuery(outTradeNo: string): Promise<AlipayReply> {
    return this.call('alipay.trade.query', { out_trade_no: outTradeNo });
  }

  tradeCancel(outTradeNo: string): Promise<AlipayReply> {
    return this.call('alipay.trade.cancel', { out_trade_no: outTradeNo });
  }

  async refund(input: AlipayRefundInput): Promise<AlipayRefund> {
    assertChargeable(input.refundFen);
    const reply = await this.call('alipay.trade.refund', {
      out_trade_no: input.outTradeNo,
      refund_amount: formatYuan(input.refundFen),
      out_request_no: input.outRequestNo,
      refund_reason: input.reason,
    });
    const fields = this.succeeded('alipay.trade.refund', reply);

    const refundedFen = yuanToFen(fields.refund_fee);
    if (refundedFen === undefined)
      throw alipayFailed('alipay.trade.refund', { reason: 'incomplete-answer' });
    return { refundedFen, fundChange: fields.fund_change === 'Y' };
  }

  private async call(
    method: AlipayMethod,
    biz: Record<string, string | undefined>,
  ): Promise<AlipayReply> {
    const posted = await this.post(this.signedForm(method, biz));
    if ('reason' in posted) return this.silent(method, posted.reason);
    if (posted.status !== 200)
      return this.silent(method, 'http-status', { httpStatus: posted.status });
    return this.checkedReply(method, posted.text);
  }

  private signedForm(
    method: AlipayMethod,
    biz: Record<string, string | undefined>,
  ): URLSearchParams {
    const params: AlipayParams = {
      app_id: this.options.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingTimestamp(this.now()),
      version: '1.0',
      biz_content: JSON.stringify(biz),
    };
    const sign = signAlipay(params, this.privateKey);
    return new URLSearchParams({ ...(params as Record<string, string>), sign });
  }

  /** Nothing in an answer is read before its signature checks out over the exact text. */
  private checkedReply(method: AlipayMethod, body: string): AlipayReply {
    const raw = readRawAlipayAnswer(body, method);
    const fields = raw ? (JSON.parse(raw.responseText) as unknown) : undefined;
    if (!raw || !fields || typeof fields !== 'object' || Array.isArray(fields))
      return this.silent(method, 'unreadable');

    const answer = fields as AlipayFields;
    if (
      raw.sign !== undefined &&
      alipaySignatureMatches(raw.responseText, raw.sign, this.alipayPublicKey)
    )
      return { kind: 'answered', fields: answer };
    if (raw.sign === undefined && REQUEST_REFUSALS.has(String(answer.code))) {
      const subCode = typeof answer.sub_code === 'string' ? answer.sub_code : undefined;
      this.options.log?.warn({ method, code: answer.code, subCode }, 'alipay refused request');
      return { kind: 'refused', code: String(answer.code), subCode };
    }
    return this.silent(method, 'bad-signature');
  }

  private async post(
    form: URLSearchParams,
  ): Promise<{ status: number; text: string } | { reason: 'timeout' | 'network' }> {
    try {
      const response = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      return { reason: isTimeout(error) ? 'timeout' : 'network' };
    }
  }

  /** For calls outside the payment-code flow: a verified 10000 answer, or an error. */
  private succeeded(method: AlipayMethod, reply: AlipayReply): AlipayFields {
    if (reply.kind === 'refused')
      throw alipayFailed(method, { code: reply.code, subCode: reply.subCode });
    // Unknown whether it happened: retry with the same out_request_no.
    if (reply.kind === 'silent')
      throw alipayFailed(method, { reason: reply.reason, retryable: true });
    if (reply.fields.code !== '10000') {
      const { code, sub_code: subCode } = reply.fields;
      this.options.log?.warn({ method, code, subCode }, 'alipay declined');
      throw alipayFailed(method, { code, subCode, retryable: code === '20000' });
    }
    return reply.fields;
  }

  private silent(
    method: AlipayMethod,
    reason: Extract<AlipayReply, { kind: 'silent' }>['reason'],
    facts: Record<string, unknown> = {},
  ): AlipayReply {
    const level = reason === 'bad-signature' ? 'error' : 'warn';
    this.options.log?.[level]({ method, reason, ...facts }, 'alipay answer unusable');
    return { kind: 'silent', reason };
  }
}

function loadKey(setting: string, load: () => crypto.KeyObject): crypto.KeyObject {
  try {
    return load();
  } catch (error) {
    throw new AppError('CONFIG_INVALID', {
      message: `The Alipay key in ${setting} cannot be read`,
      details: { setting },
      cause: error,
    });
  }
}

function alipayFailed(method: AlipayMethod, facts: Record<string, unknown>): AppError {
  return new AppError('ALIPAY_FAILED', { details: { method, ...facts } });
}

/** AbortSignal.timeout rejects with a DOMException named TimeoutError (not always an Error). */
function isTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'TimeoutError';
}
