import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { AppError } from '@memberkit/shared';
import type { Logger } from '../../platform/logger';
import { assertChargeable, channelOrderNumber } from './channel-order';
import { postXml } from './wechat-pay-http';
import {
  MicropayAttempt,
  type MicropayChannel,
  type MicropayRequest,
  type WechatPayOutcome,
  type WechatPayReply,
} from './wechat-pay-micropay';
import { verifyWechatPayNotification, type WechatPayNotification } from './wechat-pay-notification';
import {
  nonceString,
  signWechatPay,
  wechatPaySignatureMatches,
  type WechatPaySignType,
} from './wechat-pay-signature';
import { parseWechatXml, toWechatXml, type WechatPayFields } from './wechat-pay-xml';

/** The merchant API certificate (apiclient_cert): a PKCS#12 file, or PEM certificate and key. */
export interface WechatPayClientCertificate {
  pfx?: Buffer | string;
  cert?: Buffer | string;
  key?: Buffer | string;
  passphrase?: string;
}

export interface WechatPayClientOptions {
  /** https://api.mch.weixin.qq.com in production; the simulator's URL in dev and tests. */
  baseUrl: string;
  /** The mini-program's appid, so the payer's openid is the one the member logged in with. */
  appId: string;
  mchId: string;
  apiKey: string;
  signType: WechatPaySignType;
  /** Needed for /secapi/ calls (reverse, refund), and so for every payment-code payment. */
  clientCert?: WechatPayClientCertificate;
  /**
   * CA certificates to trust instead of the system's: the simulator's in dev and tests. Node
   * replaces its whole trust list with these, so production leaves it unset.
   */
  tlsCa?: string | string[];
  log?: Logger;
  timeoutMs?: number;
  /** Query interval while the shopper confirms (protocols: 3-5 s; official pages 5-10 s). */
  pollIntervalMs: number;
  /** From the pay call to the reverse (protocols: up to 30-45 s). */
  deadlineMs: number;
  now?: () => number;
}

export interface PayWithCodeInput {
  businessOrderId: string;
  /** 1 for the first payment code scanned for this order, 2 for the next, ... */
  attempt: number;
  totalFen: number;
  authCode: string;
  body: string;
  clientIp: string;
}

export interface WechatPayRefundInput {
  outTradeNo: string;
  /** The same out_refund_no again is the same refund: retry with it after a failure. */
  outRefundNo: string;
  totalFen: number;
  refundFen: number;
  reason?: string;
}

export interface WechatPayRefund {
  refundId: string;
  outRefundNo: string;
  refundFen: number;
}

interface OrderBase {
  outTradeNo: string;
  totalFen: number;
  body: string;
  clientIp: string;
  notifyUrl: string;
}

export type UnifiedOrderInput =
  | (OrderBase & { tradeType: 'JSAPI'; openid: string })
  | (OrderBase & { tradeType: 'NATIVE'; productId: string });

/** What wx.requestPayment takes (protocols: paySign over appId, timeStamp, nonceStr, ...). */
export interface JsapiPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: WechatPaySignType;
  paySign: string;
}

export type WechatPayApi = 'micropay' | 'orderquery' | 'reverse' | 'refund' | 'unifiedorder';

const PATHS: Record<WechatPayApi, string> = {
  micropay: '/pay/micropay',
  orderquery: '/pay/orderquery',
  reverse: '/secapi/pay/reverse',
  refund: '/secapi/pay/refund',
  unifiedorder: '/pay/unifiedorder',
};

const DEFAULT_TIMEOUT_MS = 10_000;

/** WeChat Pay API v2 (protocols/wechat-pay-micropay.md): XML over HTTPS, MD5/HMAC-SHA256 signed. */
export class WechatPayClient implements MicropayChannel {
  private readonly baseUrl: string;
  private readonly now: () => number;
  private readonly agent: http.Agent;
  private readonly certificateAgent?: http.Agent;

  constructor(private readonly options: WechatPayClientOptions) {
    this.baseUrl = new URL(options.baseUrl).href.replace(/\/$/, '');
    this.now = options.now ?? Date.now;
    const agents = createAgents(this.baseUrl, options);
    this.agent = agents.agent;
    this.certificateAgent = agents.certificateAgent;
  }

  /**
   * Charge a scanned payment code (field cases A-D). The channel order number is
   * `<businessOrderId>-<attempt>`; after a cancelled or failed attempt the next payment code
   * comes with the next attempt number. Throws PAYMENT_OUTCOME_UNKNOWN when WeChat never
   * settles the order: keep its outTradeNo (in the error details) and reconcile.
   */
  async payWithCode(input: PayWithCodeInput): Promise<WechatPayOutcome> {
    assertChargeable(input.totalFen);
    const outTradeNo = channelOrderNumber(input.businessOrderId, input.attempt);
    // Without the certificate an unconfirmed payment could never be reversed: refuse up front.
    if (!this.certificateAgent) throw missingCertificate();

    const { pollIntervalMs, deadlineMs, log } = this.options;
    const timing = { pollIntervalMs, deadlineMs, log, now: this.now };
    const { totalFen, authCode, body, clientIp } = input;
    return new MicropayAttempt(this, timing, outTradeNo).run({
      outTradeNo,
      totalFen,
      authCode,
      body,
      clientIp,
    });
  }

  /**
   * Settle attempt `attempt` of an order begun before a restart (issue #6): query, then
   * reverse, as for an unknown outcome; the payment code is not needed and never sent again.
   */
  async settle(input: { businessOrderId: string; attempt: number }): Promise<WechatPayOutcome> {
    const outTradeNo = channelOrderNumber(input.businessOrderId, input.attempt);
    if (!this.certificateAgent) throw missingCertificate();

    const { pollIntervalMs, deadlineMs, log } = this.options;
    const timing = { pollIntervalMs, deadlineMs, log, now: this.now };
    return new MicropayAttempt(this, timing, outTradeNo).resume();
  }

  async micropay(request: MicropayRequest): Promise<WechatPayReply> {
    assertChargeable(request.totalFen);
    return this.call('micropay', {
      body: request.body,
      out_trade_no: request.outTradeNo,
      total_fee: request.totalFen,
      spbill_create_ip: request.clientIp,
      auth_code: request.authCode,
    });
  }

  orderQuery(outTradeNo: string): Promise<WechatPayReply> {
    return this.call('orderquery', { out_trade_no: outTradeNo });
  }

  reverse(outTradeNo: string): Promise<WechatPayReply> {
    return this.call('reverse', { out_trade_no: outTradeNo });
  }

  async refund(input: WechatPayRefundInput): Promise<WechatPayRefund> {
    assertChargeable(input.refundFen);
    const reply = await this.call('refund', {
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      total_fee: input.totalFen,
      refund_fee: input.refundFen,
      refund_desc: input.reason,
    });
    const fields = this.succeeded('refund', reply);

    if (!fields.refund_id || !/^\d+$/.test(fields.refund_fee ?? '')) throw badAnswer('refund');
    return {
      refundId: fields.refund_id,
      outRefundNo: fields.out_refund_no ?? input.outRefundNo,
      refundFen: Number(fields.refund_fee),
    };
  }

  /** JSAPI (mini-program) answers prepay_id; NATIVE (kiosk QR) also answers code_url. */
  async unifiedOrder(input: UnifiedOrderInput): Promise<{ prepayId: string; codeUrl?: string }> {
    assertChargeable(input.totalFen);
    const reply = await this.call('unifiedorder', {
      body: input.body,
      out_trade_no: input.outTradeNo,
      total_fee: input.totalFen,
      spbill_create_ip: input.clientIp,
      notify_url: input.notifyUrl,
      trade_type: input.tradeType,
      openid: input.tradeType === 'JSAPI' ? input.openid : undefined,
      product_id: input.tradeType === 'NATIVE' ? input.productId : undefined,
    });
    const fields = this.succeeded('unifiedorder', reply);

    if (!fields.prepay_id || (input.tradeType === 'NATIVE' && !fields.code_url))
      throw badAnswer('unifiedorder');
    return input.tradeType === 'NATIVE'
      ? { prepayId: fields.prepay_id, codeUrl: fields.code_url }
      : { prepayId: fields.prepay_id };
  }

  /** Signed here so the mini-program never holds the API key (protocols: camel-case names). */
  jsapiPayParams(prepayId: string): JsapiPayParams {
    const unsigned = {
      timeStamp: String(Math.floor(this.now() / 1000)),
      nonceStr: nonceString(),
      package: `prepay_id=${prepayId}`,
      signType: this.options.signType,
    };
    const paySign = signWechatPay(
      { appId: this.options.appId, ...unsigned },
      this.options.apiKey,
      this.options.signType,
    );
    return { ...unsigned, paySign };
  }

  /** A notify_url body, verified; `expectedFen` is our order's amount when known. */
  verifyNotification(xml: string, expectedFen?: number): WechatPayNotification {
    return verifyWechatPayNotification(xml, this.options, expectedFen);
  }

  private async call(
    api: WechatPayApi,
    params: Record<string, string | number | undefined>,
  ): Promise<WechatPayReply> {
    const xml = toWechatXml(this.signed(params));
    const agent = PATHS[api].startsWith('/secapi/') ? this.certificateAgent : this.agent;
    if (!agent) throw missingCertificate();

    const url = new URL(`${this.baseUrl}${PATHS[api]}`);
    const posted = await postXml({ url, xml, agent, timeoutMs: this.timeoutMs() });
    if (!posted.delivered) return this.silent(api, posted.reason);
    if (posted.status !== 200)
      return this.silent(api, 'http-status', { httpStatus: posted.status });
    return this.checkedReply(api, posted.text);
  }

  /** Nothing in an answer is trusted before its signature and merchant are checked. */
  private checkedReply(api: WechatPayApi, text: string): WechatPayReply {
    let fields: WechatPayFields;
    try {
      fields = parseWechatXml(text);
    } catch {
      return this.silent(api, 'unreadable');
    }

    // return_code FAIL answers are unsigned and say our request was wrong (protocols).
    if (fields.return_code === 'FAIL') {
      this.options.log?.warn({ api, returnMsg: fields.return_msg }, 'wechat pay refused request');
      return { kind: 'refused', returnMsg: fields.return_msg ?? '' };
    }
    if (fields.return_code !== 'SUCCESS') return this.silent(api, 'unreadable');
    if (!wechatPaySignatureMatches(fields, this.options.apiKey, this.options.signType))
      return this.silent(api, 'bad-signature');
    if (fields.appid !== this.options.appId || fields.mch_id !== this.options.mchId)
      return this.silent(api, 'wrong-merchant');
    return { kind: 'answered', fields };
  }

  private signed(params: Record<string, string | number | undefined>): Record<string, string> {
    const fields: Record<string, string> = {
      appid: this.options.appId,
      mch_id: this.options.mchId,
      nonce_str: nonceString(),
    };
    for (const [name, value] of Object.entries(params))
      if (value !== undefined && value !== '') fields[name] = String(value);
    // sign_type may be left out for MD5 only; naming it always keeps both cases alike.
    fields.sign_type = this.options.signType;
    fields.sign = signWechatPay(fields, this.options.apiKey, this.options.signType);
    return fields;
  }

  /** For calls outside the payment-code flow: an answer with result_code SUCCESS, or an error. */
  private succeeded(api: WechatPayApi, reply: WechatPayReply): WechatPayFields {
    if (reply.kind === 'refused') throw wechatPayFailed(api, { reason: 'refused' });
    // Unknown whether it happened: refund with the same out_refund_no, or order again.
    if (reply.kind === 'silent')
      throw wechatPayFailed(api, { reason: reply.reason, retryable: true });
    if (reply.fields.result_code !== 'SUCCESS') {
      const errCode = reply.fields.err_code ?? 'FAIL';
      this.options.log?.warn({ api, errCode }, 'wechat pay declined');
      throw wechatPayFailed(api, { errCode, retryable: errCode === 'SYSTEMERROR' });
    }
    return reply.fields;
  }

  private silent(
    api: WechatPayApi,
    reason: Extract<WechatPayReply, { kind: 'silent' }>['reason'],
    facts: Record<string, unknown> = {},
  ): WechatPayReply {
    const level = reason === 'bad-signature' || reason === 'wrong-merchant' ? 'error' : 'warn';
    this.options.log?.[level]({ api, reason, ...facts }, 'wechat pay answer unusable');
    return { kind: 'silent', reason };
  }

  private timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }
}

/**
 * No keep-alive: a reused socket the server already closed would turn a pay call into "no
 * answer", which costs a query and maybe a reverse. Over plain HTTP (a local TLS-terminating
 * proxy) no certificate can be presented: the proxy presents it.
 */
function createAgents(
  baseUrl: string,
  options: WechatPayClientOptions,
): { agent: http.Agent; certificateAgent?: http.Agent } {
  if (!baseUrl.startsWith('https:')) {
    const agent = new http.Agent({ keepAlive: false });
    return { agent, certificateAgent: options.clientCert ? agent : undefined };
  }

  const agent = new https.Agent({ keepAlive: false, ca: options.tlsCa });
  if (!options.clientCert) return { agent };
  checkCertificate(options.clientCert);
  const certificateAgent = new https.Agent({
    keepAlive: false,
    ca: options.tlsCa,
    ...options.clientCert,
  });
  return { agent, certificateAgent };
}

/** A wrong passphrase or a key that does not match its certificate fails here, at start. */
function checkCertificate(certificate: WechatPayClientCertificate): void {
  try {
    tls.createSecureContext(certificate);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', {
      message: 'The WeChat Pay client certificate cannot be loaded',
      details: { setting: 'clientCert' },
      cause: error,
    });
  }
}

function missingCertificate(): AppError {
  return new AppError('CONFIG_INVALID', {
    message: 'WeChat Pay payment-code payments need the merchant client certificate',
    details: { setting: 'clientCert' },
  });
}

function wechatPayFailed(api: WechatPayApi, facts: Record<string, unknown>): AppError {
  return new AppError('WECHAT_PAY_FAILED', { details: { api, ...facts } });
}

function badAnswer(api: WechatPayApi): AppError {
  return wechatPayFailed(api, { reason: 'incomplete-answer' });
}
