import type {
  GatewayNotification,
  GatewayOrder,
  GatewayState,
  JsapiPayment,
  ParkingPaymentGateway,
} from '../parking/payment-gateway';
import type { SupplierRegister } from './supplier-register';

/**
 * C-4.1.4b at the payment provider: an order hands the provider an amount (a transaction) and,
 * in the mini-program, the payer's openid. Each is checked against the register before the
 * order leaves. Queries and notifications carry nothing the provider does not already hold.
 */
export class SupplierCheckedParkingGateway implements ParkingPaymentGateway {
  constructor(
    private readonly gateway: ParkingPaymentGateway,
    private readonly register: SupplierRegister,
    private readonly supplierCode: string,
  ) {}

  async createJsapi(order: GatewayOrder & { openid: string }): Promise<JsapiPayment> {
    await this.register.assertSupplierMayReceive(this.supplierCode, [
      'transactions',
      'wechat_openid',
    ]);
    return this.gateway.createJsapi(order);
  }

  async createNative(order: GatewayOrder & { productId: string }): Promise<{ codeUrl: string }> {
    await this.register.assertSupplierMayReceive(this.supplierCode, ['transactions']);
    return this.gateway.createNative(order);
  }

  query(outTradeNo: string): Promise<GatewayState> {
    return this.gateway.query(outTradeNo);
  }

  verifyNotification(xml: string): GatewayNotification {
    return this.gateway.verifyNotification(xml);
  }
}
