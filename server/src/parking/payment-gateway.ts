import { AppError } from '@memberkit/shared';
import type { JsapiPayParams, WechatPayClient } from '../integrations/wechat-pay/wechat-pay-client';

export interface GatewayOrder {
  outTradeNo: string;
  totalFen: number;
  description: string;
  clientIp: string;
}

/** What wx.requestPayment takes; paySign is computed by the server (it holds the API key). */
export type JsapiPayment = JsapiPayParams;

export type GatewayState =
  { paid: true; transactionId: string; totalFen: number } | { paid: false; final: boolean };

export interface GatewayNotification {
  outTradeNo: string;
  paid: boolean;
  transactionId?: string;
  totalFen?: number;
}

/**
 * The payment step parking needs (C-4.2.2.6): JSAPI in the mini-program, NATIVE (a QR code)
 * at a kiosk, a query, and the notification. Small on purpose, so the parking module does not
 * depend on one provider's client.
 */
export interface ParkingPaymentGateway {
  createJsapi(order: GatewayOrder & { openid: string }): Promise<JsapiPayment>;
  createNative(order: GatewayOrder & { productId: string }): Promise<{ codeUrl: string }>;
  query(outTradeNo: string): Promise<GatewayState>;
  verifyNotification(xml: string): GatewayNotification;
}

// orderquery trade_state values after which the order will never be paid (protocols).
const FINAL_UNPAID = new Set(['CLOSED', 'REVOKED', 'PAYERROR', 'REFUND']);

/** WeChat Pay API v2 (protocols/wechat-pay-micropay.md, JSAPI/NATIVE/notify) for parking. */
export class WechatPayParkingGateway implements ParkingPaymentGateway {
  constructor(
    private readonly client: WechatPayClient,
    private readonly notifyUrl: string,
  ) {}

  async createJsapi(order: GatewayOrder & { openid: string }): Promise<JsapiPayment> {
    const { prepayId } = await this.client.unifiedOrder({
      tradeType: 'JSAPI',
      outTradeNo: order.outTradeNo,
      totalFen: order.totalFen,
      body: order.description,
      clientIp: order.clientIp,
      notifyUrl: this.notifyUrl,
      openid: order.openid,
    });
    return this.client.jsapiPayParams(prepayId);
  }

  async createNative(order: GatewayOrder & { productId: string }): Promise<{ codeUrl: string }> {
    const { codeUrl } = await this.client.unifiedOrder({
      tradeType: 'NATIVE',
      outTradeNo: order.outTradeNo,
      totalFen: order.totalFen,
      body: order.description,
      clientIp: order.clientIp,
      notifyUrl: this.notifyUrl,
      productId: order.productId,
    });
    if (!codeUrl) throw new AppError('PARKING_PAYMENT_FAILED', { details: { reason: 'no-code' } });
    return { codeUrl };
  }

  /** Until a notification or a query says SUCCESS, the order is unpaid (protocols). */
  async query(outTradeNo: string): Promise<GatewayState> {
    const reply = await this.client.orderQuery(outTradeNo);
    if (reply.kind !== 'answered' || reply.fields.result_code !== 'SUCCESS')
      return { paid: false, final: false };

    const { trade_state: state, transaction_id: transactionId, total_fee: total } = reply.fields;
    if (state === 'SUCCESS' && transactionId && /^\d+$/.test(total ?? ''))
      return { paid: true, transactionId, totalFen: Number(total) };
    return { paid: false, final: FINAL_UNPAID.has(state ?? '') };
  }

  verifyNotification(xml: string): GatewayNotification {
    const notification = this.client.verifyNotification(xml);
    return notification.paid
      ? {
          outTradeNo: notification.outTradeNo,
          paid: true,
          transactionId: notification.transactionId,
          totalFen: notification.totalFen,
        }
      : { outTradeNo: notification.outTradeNo, paid: false };
  }
}
