import crypto from 'node:crypto';
import {
  readWireXml,
  wireSignature,
  wireSignatureMatches,
  writeWireXml,
  type SimulatedSignType,
  type WireFields,
} from './wechat-pay-wire';
import {
  AMOUNT,
  OUT_TRADE_NO,
  REQUIRED,
  WECHAT_CODE,
  beijingCompact,
  declined,
  digits,
  paymentFields,
  publicOrder,
  refundFields,
  stableOpenid,
  type OrderRecord,
  type ModelAnswer,
  type Outcome,
  type SimulatedOrder,
  type SimulatedRefund,
  type WechatPayApiName,
  type WechatPayCall,
  type WechatPayScenario,
} from './wechat-pay-orders';

export type {
  ModelAnswer,
  WechatPayApiName,
  WechatPayCall,
  SimulatedOrder,
  SimulatedRefund,
  TradeState,
  WechatPayScenario,
} from './wechat-pay-orders';

export interface WechatPayModelOptions {
  appId: string;
  mchId: string;
  apiKey: string;
  /** When given, requests signed with the other type are refused as wrongly signed. */
  signType?: SimulatedSignType;
  now?: () => number;
}

/**
 * What WeChat Pay API v2 decides, apart from HTTP and TLS (protocols/wechat-pay-micropay.md).
 * Each payment code can be scripted with the way its shopper behaves; a code never scripted
 * pays at once. Orders, reversals and refunds are kept so tests can see what was sent.
 */
export class WechatPayModel {
  private readonly now: () => number;
  private readonly scripts = new Map<string, WechatPayScenario>();
  private readonly records = new Map<string, OrderRecord>();
  private readonly usedCodes = new Set<string>();
  private readonly refundRecords = new Map<string, SimulatedRefund>();
  private readonly forged = new Map<WechatPayApiName, number>();
  private readonly callLog: WechatPayCall[] = [];

  constructor(private readonly options: WechatPayModelOptions) {
    this.now = options.now ?? Date.now;
  }

  // ---- test controls

  script(authCode: string, scenario: WechatPayScenario): void {
    this.scripts.set(authCode, scenario);
  }

  orders(): SimulatedOrder[] {
    return [...this.records.values()].map((record) => publicOrder(record));
  }

  refunds(): SimulatedRefund[] {
    return [...this.refundRecords.values()].map((refund) => ({ ...refund }));
  }

  calls(): WechatPayCall[] {
    return this.callLog.map((call) => ({ ...call }));
  }

  /** The next answers of that API carry a wrong signature (a forged or corrupted answer). */
  forgeSignatures(api: WechatPayApiName, times = 1): void {
    this.forged.set(api, (this.forged.get(api) ?? 0) + times);
  }

  /** The shopper pays a JSAPI/NATIVE order: the signed notification WeChat would POST. */
  completePrepaidOrder(outTradeNo: string, openid?: string): string {
    const record = this.records.get(outTradeNo);
    if (!record || record.tradeType === 'MICROPAY' || record.state !== 'NOTPAY')
      throw new Error('no unpaid JSAPI or NATIVE order with this out_trade_no');

    this.pay(record, openid ?? record.openid);
    const fields: WireFields = {
      ...this.common(),
      ...(record.signType === 'HMAC-SHA256' ? { sign_type: 'HMAC-SHA256' } : {}),
      result_code: 'SUCCESS',
      ...paymentFields(record),
    };
    return writeWireXml({
      ...fields,
      sign: wireSignature(fields, this.options.apiKey, record.signType),
    });
  }

  // ---- the API

  handle(api: WechatPayApiName, body: string): ModelAnswer {
    const request = readWireXml(body);
    if (!request) return this.refuse('XML格式错误');

    const refusal = this.checkRequest(api, request);
    if (refusal) return refusal;

    const signType = (request.sign_type || 'MD5') as SimulatedSignType;
    this.callLog.push({ api, outTradeNo: request.out_trade_no });
    const outcome = this.decide(api, request, signType);
    if (outcome.silence) return { kind: outcome.silence };
    return { kind: 'xml', text: this.signedAnswer(api, outcome.fields, signType) };
  }

  private checkRequest(api: WechatPayApiName, request: WireFields): ModelAnswer | undefined {
    if (request.mch_id !== this.options.mchId || request.appid !== this.options.appId)
      return this.refuse('appid和mch_id不匹配');

    const signType = request.sign_type || 'MD5';
    if (signType !== 'MD5' && signType !== 'HMAC-SHA256') return this.refuse('sign_type参数错误');
    if (this.options.signType && signType !== this.options.signType) return this.refuse('签名错误');
    if (!wireSignatureMatches(request, this.options.apiKey, signType))
      return this.refuse('签名错误');

    const missing = ['nonce_str', ...REQUIRED[api]].find((name) => !request[name]);
    if (missing) return this.refuse(`缺少参数${missing}`);
    if (request.nonce_str.length > 32) return this.refuse('nonce_str参数长度有误');
    return undefined;
  }

  private decide(api: WechatPayApiName, request: WireFields, signType: SimulatedSignType): Outcome {
    if (api === 'micropay') return this.micropay(request, signType);
    if (api === 'orderquery') return this.orderQuery(request);
    if (api === 'reverse') return this.reverse(request);
    if (api === 'refund') return this.refund(request);
    return this.unifiedOrder(request, signType);
  }

  private micropay(request: WireFields, signType: SimulatedSignType): Outcome {
    const invalid = this.checkNewOrder(request);
    if (invalid) return invalid;
    const authCode = request.auth_code;
    if (!WECHAT_CODE.test(authCode)) return declined('AUTH_CODE_INVALID', '授权码检验错误');
    // A payment code is single use (protocols: "Codes are valid about one minute and single-use").
    if (this.usedCodes.has(authCode)) return declined('AUTHCODEEXPIRE', '二维码已过期，请刷新再试');

    this.usedCodes.add(authCode);
    const scenario = this.scripts.get(authCode) ?? { kind: 'success' };
    const record = this.newRecord(request, signType, scenario, 'MICROPAY');
    record.authCode = authCode;
    record.openid = scenario.openid ?? stableOpenid(authCode);
    return this.firstAnswer(record, scenario);
  }

  private firstAnswer(record: OrderRecord, scenario: WechatPayScenario): Outcome {
    switch (scenario.kind) {
      case 'success':
        this.pay(record);
        return { fields: { result_code: 'SUCCESS', ...paymentFields(record) } };
      case 'paying-then-success':
      case 'never-confirms':
      case 'pays-before-reverse':
        record.state = 'USERPAYING';
        record.payingQueriesLeft =
          scenario.kind === 'paying-then-success' ? scenario.payingQueries : Infinity;
        return declined('USERPAYING', '需要用户输入支付密码');
      case 'system-error':
        this.settleQuietly(record, scenario.paid);
        return declined(scenario.errCode ?? 'SYSTEMERROR', '系统超时');
      case 'no-answer':
        this.settleQuietly(record, scenario.paid);
        return { fields: {}, silence: scenario.how };
      case 'refused':
        record.state = 'PAYERROR';
        return declined(scenario.errCode, scenario.errCodeDes ?? '支付失败');
    }
  }

  private orderQuery(request: WireFields): Outcome {
    const record = this.records.get(request.out_trade_no);
    if (!record) return declined('ORDERNOTEXIST', '此交易订单号不存在');

    if (record.state === 'USERPAYING') {
      if (record.payingQueriesLeft > 0) record.payingQueriesLeft -= 1;
      else this.pay(record);
    }
    const paid = record.state === 'SUCCESS' || record.state === 'REFUND';
    return {
      fields: {
        result_code: 'SUCCESS',
        trade_state: record.state,
        trade_state_desc: record.state,
        out_trade_no: record.outTradeNo,
        ...(paid ? paymentFields(record) : {}),
      },
    };
  }

  /**
   * Reverse (撤销). The real service refunds an order paid in the meantime; this one answers
   * ORDERPAID for it, the answer the protocol note's rule is written for ("if a reverse
   * answers that the order was paid, treat it as paid").
   */
  private reverse(request: WireFields): Outcome {
    const record = this.records.get(request.out_trade_no);
    if (record && record.recallsLeft > 0) {
      record.recallsLeft -= 1;
      return { fields: { ...declined('SYSTEMERROR', '系统错误').fields, recall: 'Y' } };
    }
    if (record?.state === 'USERPAYING' && record.scenario.kind === 'pays-before-reverse')
      this.pay(record);
    if (record?.state === 'SUCCESS' || record?.state === 'REFUND')
      return { fields: { ...declined('ORDERPAID', '订单已支付').fields, recall: 'N' } };

    // An order never seen is recorded as reversed, so a pay call arriving late is refused.
    if (record) record.state = 'REVOKED';
    else this.records.set(request.out_trade_no, this.revokedPlaceholder(request));
    return { fields: { result_code: 'SUCCESS', recall: 'N' } };
  }

  private refund(request: WireFields): Outcome {
    const record = this.records.get(request.out_trade_no);
    if (!record) return declined('ORDERNOTEXIST', '订单不存在');
    if (record.state !== 'SUCCESS' && record.state !== 'REFUND')
      return declined('TRADE_STATE_ERROR', '订单状态错误');
    if (Number(request.total_fee) !== record.totalFee || !AMOUNT.test(request.refund_fee))
      return declined('INVALID_REQUEST', '订单金额或退款金额与之前请求不一致');

    const refundFee = Number(request.refund_fee);
    const earlier = this.refundRecords.get(request.out_refund_no);
    if (earlier && (earlier.outTradeNo !== record.outTradeNo || earlier.refundFee !== refundFee))
      return declined('INVALID_REQUEST', '退款单号重复');
    const refund = earlier ?? this.newRefund(record, request, refundFee);
    if (!refund) return declined('INVALID_REQUEST', '退款金额大于支付金额');
    return { fields: refundFields(record, refund) };
  }

  private newRefund(
    record: OrderRecord,
    request: WireFields,
    refundFee: number,
  ): SimulatedRefund | undefined {
    const refunded = this.refunds()
      .filter((refund) => refund.outTradeNo === record.outTradeNo)
      .reduce((sum, refund) => sum + refund.refundFee, 0);
    if (refunded + refundFee > record.totalFee) return undefined;

    const refund = {
      outTradeNo: record.outTradeNo,
      outRefundNo: request.out_refund_no,
      refundId: `50300${digits(24)}`,
      refundFee,
    };
    this.refundRecords.set(refund.outRefundNo, refund);
    record.state = 'REFUND';
    return refund;
  }

  private unifiedOrder(request: WireFields, signType: SimulatedSignType): Outcome {
    const tradeType = request.trade_type;
    if (tradeType !== 'JSAPI' && tradeType !== 'NATIVE')
      return declined('PARAM_ERROR', 'trade_type参数错误');
    if (tradeType === 'JSAPI' && !request.openid)
      return declined('PARAM_ERROR', 'trade_type=JSAPI时，openid为必填参数');
    if (tradeType === 'NATIVE' && !request.product_id)
      return declined('PARAM_ERROR', 'trade_type=NATIVE时，product_id为必填参数');

    const invalid = this.checkNewOrder(request);
    if (invalid) return invalid;
    const record = this.newRecord(request, signType, { kind: 'success' }, tradeType);
    record.openid = request.openid;
    record.prepayId = `wx${digits(16)}${crypto.randomBytes(8).toString('hex')}`;

    const codeUrl: WireFields =
      tradeType === 'NATIVE' ? { code_url: `weixin://wxpay/bizpayurl?pr=${digits(7)}` } : {};
    return {
      fields: {
        result_code: 'SUCCESS',
        trade_type: tradeType,
        prepay_id: record.prepayId,
        ...codeUrl,
      },
    };
  }

  /** Checks for any new order: amount, number format, and a number used before. */
  private checkNewOrder(request: WireFields): Outcome | undefined {
    if (!AMOUNT.test(request.total_fee)) return declined('PARAM_ERROR', 'total_fee参数错误');
    if (!OUT_TRADE_NO.test(request.out_trade_no))
      return declined('PARAM_ERROR', 'out_trade_no参数错误');

    const existing = this.records.get(request.out_trade_no);
    if (!existing) return undefined;
    if (existing.state === 'SUCCESS' || existing.state === 'REFUND')
      return declined('ORDERPAID', '订单已支付');
    if (existing.state === 'REVOKED') return declined('ORDERREVERSED', '订单已撤销');
    if (existing.state === 'CLOSED') return declined('ORDERCLOSED', '订单已关闭');
    return declined('INVALID_REQUEST', '201 商户订单号重复');
  }

  private newRecord(
    request: WireFields,
    signType: SimulatedSignType,
    scenario: WechatPayScenario,
    tradeType: SimulatedOrder['tradeType'],
  ): OrderRecord {
    const record: OrderRecord = {
      outTradeNo: request.out_trade_no,
      tradeType,
      totalFee: Number(request.total_fee),
      state: 'NOTPAY',
      scenario,
      signType,
      payingQueriesLeft: 0,
      recallsLeft: scenario.reverseRecalls ?? 0,
      request,
    };
    this.records.set(record.outTradeNo, record);
    return record;
  }

  private revokedPlaceholder(request: WireFields): OrderRecord {
    const record = this.newRecord(
      { ...request, total_fee: '0' },
      'MD5',
      { kind: 'success' },
      'MICROPAY',
    );
    record.state = 'REVOKED';
    return record;
  }

  private settleQuietly(record: OrderRecord, paid: boolean): void {
    if (paid) this.pay(record);
    else record.state = 'NOTPAY';
  }

  private pay(record: OrderRecord, openid = record.openid): void {
    record.state = 'SUCCESS';
    record.openid = openid ?? stableOpenid(record.outTradeNo);
    record.transactionId = `4200${digits(24)}`;
    record.timeEnd = beijingCompact(this.now());
  }

  private common(): WireFields {
    return {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: this.options.appId,
      mch_id: this.options.mchId,
      nonce_str: crypto.randomBytes(12).toString('hex'),
    };
  }

  private signedAnswer(
    api: WechatPayApiName,
    fields: WireFields,
    signType: SimulatedSignType,
  ): string {
    const answer = { ...this.common(), ...fields };
    let sign = wireSignature(answer, this.options.apiKey, signType);
    const forged = this.forged.get(api) ?? 0;
    if (forged > 0) {
      this.forged.set(api, forged - 1);
      sign = wireSignature(answer, `${this.options.apiKey}-forged`, signType);
    }
    return writeWireXml({ ...answer, sign });
  }

  /** return_code FAIL: the request itself was refused; such answers carry no signature. */
  private refuse(message: string): ModelAnswer {
    return { kind: 'xml', text: writeWireXml({ return_code: 'FAIL', return_msg: message }) };
  }
}
