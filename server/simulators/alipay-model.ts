import crypto from 'node:crypto';
import {
  beijingTime,
  businessFailure,
  fenToYuan,
  newTradeNo,
  paidFields,
  publicTrade,
  stableBuyerUserId,
  success,
  yuanToFen,
  type AlipayScenario,
  type Decision,
  type SimulatedAlipayRefund,
  type SimulatedTrade,
  type TradeRecord,
} from './alipay-trades';
import { answerBody, requestSignatureValid, type WireParams } from './alipay-wire';

export type AlipayMethodName =
  'alipay.trade.pay' | 'alipay.trade.query' | 'alipay.trade.cancel' | 'alipay.trade.refund';

export interface AlipayCall {
  method: AlipayMethodName;
  outTradeNo?: string;
}

export interface AlipayModelOptions {
  appId: string;
  merchantPublicKeyPem: string;
  alipayPrivateKeyPem: string;
  now?: () => number;
}

export type AlipayModelAnswer =
  { kind: 'json'; text: string } | { kind: 'hang' } | { kind: 'drop' };

const METHODS = new Set<string>([
  'alipay.trade.pay',
  'alipay.trade.query',
  'alipay.trade.cancel',
  'alipay.trade.refund',
]);
const COMMON = ['app_id', 'method', 'charset', 'sign_type', 'sign', 'timestamp', 'version'];
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;
const ALIPAY_CODE = /^(?:2[5-9]|30)\d{14,22}$/;
const CLOCK_WINDOW_MS = 15 * 60 * 1000;

/**
 * What the Alipay gateway decides for payment-code trades (protocols/alipay-barcode.md). Each
 * payment code can be scripted with its buyer's behaviour; unscripted codes pay at once.
 */
export class AlipayModel {
  private readonly now: () => number;
  private readonly merchantKey: crypto.KeyObject;
  private readonly alipayKey: crypto.KeyObject;
  private readonly scripts = new Map<string, AlipayScenario>();
  private readonly trades = new Map<string, TradeRecord>();
  private readonly usedCodes = new Set<string>();
  private readonly refundRecords = new Map<string, SimulatedAlipayRefund>();
  private readonly forged = new Map<AlipayMethodName, number>();
  private readonly callLog: AlipayCall[] = [];

  constructor(private readonly options: AlipayModelOptions) {
    this.now = options.now ?? Date.now;
    this.merchantKey = crypto.createPublicKey(options.merchantPublicKeyPem);
    this.alipayKey = crypto.createPrivateKey(options.alipayPrivateKeyPem);
  }

  // ---- test controls

  script(authCode: string, scenario: AlipayScenario): void {
    this.scripts.set(authCode, scenario);
  }

  orders(): SimulatedTrade[] {
    return [...this.trades.values()].map((trade) => publicTrade(trade));
  }

  refunds(): SimulatedAlipayRefund[] {
    return [...this.refundRecords.values()].map((refund) => ({ ...refund }));
  }

  calls(): AlipayCall[] {
    return this.callLog.map((call) => ({ ...call }));
  }

  forgeSignatures(method: AlipayMethodName, times = 1): void {
    this.forged.set(method, (this.forged.get(method) ?? 0) + times);
  }

  // ---- the gateway

  handle(params: WireParams): AlipayModelAnswer {
    const method = params.method ?? '';
    const responseKey = METHODS.has(method)
      ? `${method.replaceAll('.', '_')}_response`
      : 'error_response';
    const refusal = this.checkRequest(params);
    if (refusal) return { kind: 'json', text: answerBody(responseKey, refusal, undefined) };

    const biz = parseBizContent(params.biz_content);
    if (!biz)
      return {
        kind: 'json',
        text: answerBody(responseKey, invalid('isv.invalid-biz-content'), undefined),
      };

    this.callLog.push({ method: method as AlipayMethodName, outTradeNo: biz.out_trade_no });
    const decision = this.decide(method as AlipayMethodName, biz);
    if (decision.silence) return { kind: decision.silence };
    return {
      kind: 'json',
      text: answerBody(responseKey, decision.response, this.signing(method as AlipayMethodName)),
    };
  }

  /** The gateway's checks, in its order; each refusal is unsigned. */
  private checkRequest(params: WireParams): Record<string, unknown> | undefined {
    const missing = COMMON.find((name) => !params[name]);
    if (missing)
      return refusal(
        '40001',
        'Missing Required Arguments',
        `isv.missing-${missing.replace('_', '-')}`,
      );
    if (params.app_id !== this.options.appId) return invalid('isv.invalid-app-id');
    if (!METHODS.has(params.method)) return invalid('isv.invalid-method');
    if (params.sign_type !== 'RSA2') return invalid('isv.invalid-signature-type');
    if (params.charset.toLowerCase() !== 'utf-8') return invalid('isv.invalid-charset');
    if (!this.timestampFresh(params.timestamp)) return invalid('isv.invalid-timestamp');
    if (!requestSignatureValid(params, this.merchantKey))
      return invalid(
        'isv.invalid-signature',
        '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配',
      );
    return undefined;
  }

  /** Beijing time, within 15 minutes: a client sending its local time in another zone is off by hours. */
  private timestampFresh(timestamp: string): boolean {
    const match = TIMESTAMP.exec(timestamp);
    const at = match ? Date.parse(`${match[1]}T${match[2]}+08:00`) : NaN;
    return !Number.isNaN(at) && Math.abs(this.now() - at) <= CLOCK_WINDOW_MS;
  }

  private decide(method: AlipayMethodName, biz: Record<string, string>): Decision {
    if (method === 'alipay.trade.pay') return this.pay(biz);
    if (method === 'alipay.trade.query') return this.query(biz);
    if (method === 'alipay.trade.cancel') return this.cancel(biz);
    return this.refund(biz);
  }

  private pay(biz: Record<string, string>): Decision {
    const totalFen = yuanToFen(biz.total_amount);
    if (biz.scene !== 'bar_code' || !biz.subject || !biz.out_trade_no || totalFen === undefined)
      return businessFailure('ACQ.INVALID_PARAMETER', '参数无效');
    const reused = this.reusedNumber(biz.out_trade_no);
    if (reused) return reused;
    // Payment codes are single use and valid about a minute.
    if (!ALIPAY_CODE.test(biz.auth_code ?? '') || this.usedCodes.has(biz.auth_code))
      return businessFailure('ACQ.PAYMENT_AUTH_CODE_INVALID', '支付失败，获取顾客账户信息失败');

    this.usedCodes.add(biz.auth_code);
    const scenario = this.scripts.get(biz.auth_code) ?? { kind: 'success' };
    return this.firstAnswer(biz, totalFen, scenario);
  }

  private firstAnswer(
    biz: Record<string, string>,
    totalFen: number,
    scenario: AlipayScenario,
  ): Decision {
    switch (scenario.kind) {
      case 'success':
        return success(
          paidFields(this.paid(this.newTrade(biz, totalFen, scenario)), 'gmt_payment'),
        );
      case 'paying-then-success':
      case 'never-confirms':
      case 'pays-before-cancel': {
        const trade = this.newTrade(biz, totalFen, scenario);
        trade.waitingQueriesLeft =
          scenario.kind === 'paying-then-success' ? scenario.waitingQueries : Infinity;
        return {
          response: {
            code: '10003',
            msg: 'order success pay inprocess',
            trade_no: trade.tradeNo,
            out_trade_no: trade.outTradeNo,
          },
        };
      }
      case 'system-error':
      case 'no-answer':
        if (scenario.paid) this.paid(this.newTrade(biz, totalFen, scenario));
        return scenario.kind === 'no-answer'
          ? { response: {}, silence: scenario.how }
          : {
              response: {
                code: '20000',
                msg: 'Service Currently Unavailable',
                sub_code: 'isp.unknow-error',
                sub_msg: '系统繁忙',
              },
            };
      case 'refused':
        return businessFailure(scenario.subCode, scenario.subMsg ?? '支付失败');
    }
  }

  private query(biz: Record<string, string>): Decision {
    const trade = this.trades.get(biz.out_trade_no ?? '');
    if (!trade) return businessFailure('ACQ.TRADE_NOT_EXIST', '交易不存在');

    if (trade.status === 'WAIT_BUYER_PAY') {
      if (trade.waitingQueriesLeft > 0) trade.waitingQueriesLeft -= 1;
      else this.paid(trade);
    }
    const unpaid = {
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      buyer_user_id: trade.buyerUserId,
      total_amount: fenToYuan(trade.totalFen),
    };
    const fields = trade.gmtPayment ? paidFields(trade, 'send_pay_date') : unpaid;
    return success({ ...fields, trade_status: trade.status });
  }

  /** Closes an unpaid trade; refunds a paid one (action refund), as Alipay does within 24 h. */
  private cancel(biz: Record<string, string>): Decision {
    const trade =
      this.trades.get(biz.out_trade_no ?? '') ?? this.closedPlaceholder(biz.out_trade_no ?? '');
    if (trade.cancelRetriesLeft > 0) {
      trade.cancelRetriesLeft -= 1;
      return businessFailure('ACQ.SYSTEM_ERROR', '系统错误', { retry_flag: 'Y' });
    }
    if (trade.status === 'WAIT_BUYER_PAY' && trade.scenario.kind === 'pays-before-cancel')
      this.paid(trade);

    trade.cancelAction ??= trade.status === 'TRADE_SUCCESS' ? 'refund' : 'close';
    trade.status = 'TRADE_CLOSED';
    return success({
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      retry_flag: 'N',
      action: trade.cancelAction,
    });
  }

  private refund(biz: Record<string, string>): Decision {
    const trade = this.trades.get(biz.out_trade_no ?? '');
    const refundFen = yuanToFen(biz.refund_amount);
    if (!trade) return businessFailure('ACQ.TRADE_NOT_EXIST', '交易不存在');
    if (trade.status !== 'TRADE_SUCCESS')
      return businessFailure('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
    if (refundFen === undefined) return businessFailure('ACQ.INVALID_PARAMETER', '参数无效');

    // Without out_request_no Alipay takes the trade number: one full refund.
    const outRequestNo = biz.out_request_no || trade.outTradeNo;
    const earlier = this.refundRecords.get(`${trade.outTradeNo}\n${outRequestNo}`);
    if (earlier && earlier.refundFen !== refundFen)
      return businessFailure(
        'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL',
        '退款金额与退款请求号对应的金额不一致',
      );
    if (!earlier && this.refundedFen(trade) + refundFen > trade.totalFen)
      return businessFailure('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');

    if (!earlier)
      this.refundRecords.set(`${trade.outTradeNo}\n${outRequestNo}`, {
        outTradeNo: trade.outTradeNo,
        outRequestNo,
        refundFen,
      });
    return success({
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      buyer_user_id: trade.buyerUserId,
      fund_change: earlier ? 'N' : 'Y',
      refund_fee: fenToYuan(this.refundedFen(trade)),
    });
  }

  /** A number used before: paid, closed, or still waiting for its buyer. */
  private reusedNumber(outTradeNo: string): Decision | undefined {
    const existing = this.trades.get(outTradeNo);
    if (!existing) return undefined;
    if (existing.status === 'TRADE_SUCCESS')
      return businessFailure('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
    if (existing.status === 'TRADE_CLOSED')
      return businessFailure('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
    return businessFailure('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
  }

  private newTrade(
    biz: Record<string, string>,
    totalFen: number,
    scenario: AlipayScenario,
  ): TradeRecord {
    const trade: TradeRecord = {
      outTradeNo: biz.out_trade_no,
      tradeNo: newTradeNo(this.now()),
      totalAmount: biz.total_amount,
      totalFen,
      status: 'WAIT_BUYER_PAY',
      authCode: biz.auth_code,
      buyerUserId: scenario.buyerUserId ?? stableBuyerUserId(biz.auth_code ?? biz.out_trade_no),
      scenario,
      waitingQueriesLeft: 0,
      cancelRetriesLeft: scenario.cancelRetries ?? 0,
    };
    this.trades.set(trade.outTradeNo, trade);
    return trade;
  }

  /** A cancel for a trade never made is recorded, so a pay call arriving late is refused. */
  private closedPlaceholder(outTradeNo: string): TradeRecord {
    const trade = this.newTrade({ out_trade_no: outTradeNo, total_amount: '0.00' }, 0, {
      kind: 'success',
    });
    trade.status = 'TRADE_CLOSED';
    return trade;
  }

  private paid(trade: TradeRecord): TradeRecord {
    trade.status = 'TRADE_SUCCESS';
    trade.gmtPayment = beijingTime(this.now());
    return trade;
  }

  private refundedFen(trade: TradeRecord): number {
    return this.refunds()
      .filter((refund) => refund.outTradeNo === trade.outTradeNo)
      .reduce((sum, refund) => sum + refund.refundFen, 0);
  }

  private signing(method: AlipayMethodName) {
    const forged = this.forged.get(method) ?? 0;
    if (forged > 0) this.forged.set(method, forged - 1);
    return { key: this.alipayKey, forge: forged > 0 };
  }
}

function refusal(
  code: string,
  msg: string,
  subCode: string,
  subMsg?: string,
): Record<string, unknown> {
  return { code, msg, sub_code: subCode, sub_msg: subMsg };
}

function invalid(subCode: string, subMsg?: string): Record<string, unknown> {
  return refusal('40002', 'Invalid Arguments', subCode, subMsg);
}

function parseBizContent(text: string | undefined): Record<string, string> | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, string>)
      : undefined;
  } catch {
    return undefined;
  }
}
