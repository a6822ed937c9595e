import { AppError } from '@memberkit/shared';
import { startWechatPaySimulator, type WechatPaySimulator } from '../../simulators';
import { WechatPayClient } from '../integrations/wechat-pay/wechat-pay-client';
import type { Logger } from '../platform/logger';
import { WechatPayParkingGateway } from '../parking/payment-gateway';
import { PARKING_NOTIFY_PATH } from '../parking/payment-notify';
import type { ParkingPayments } from '../parking/payment-service';
import type { RunningServer } from '../server';
import { SIMULATED_MERCHANT } from '../checkout/payment-clients';

// protocols/wechat-pay-micropay.md: the answer that tells WeChat Pay a notification was applied.
const NOTIFY_APPLIED = /<return_code><!\[CDATA\[SUCCESS\]\]><\/return_code>/;

/**
 * The WeChat Pay simulator beside a development server, and the one thing a browser cannot do
 * without WeChat: confirm a JSAPI or NATIVE payment on a phone. Paying here makes the simulator
 * mark its order paid and sign the notification; it is then POSTed to the server's notify_url
 * as WeChat Pay would, so the server's real notification path decides that the order is paid.
 */
export class DevWechatPay {
  constructor(
    readonly simulator: WechatPaySimulator,
    private readonly payments: ParkingPayments,
    private readonly notifyUrl: string,
    private readonly log: Logger,
    /** False when the simulator is the server's own (checkout's); the server stops that one. */
    private readonly ownsSimulator = true,
  ) {}

  get url(): string {
    return this.simulator.url;
  }

  async payParkingOrder(orderId: string): Promise<{ orderId: string; status: string }> {
    const order = await this.payments.find(orderId);
    if (order.status !== 'pending' || order.channel === 'local')
      throw new AppError('PARKING_ORDER_NOT_PENDING', { details: { status: order.status } });

    const notification = this.confirmOnPhone(orderId);
    const applied = await this.notify(notification);
    // A notification the server did not take is not lost: WeChat Pay would send it again, and
    // the order query (the page's next status check) finds the payment the same way.
    const current = applied
      ? await this.payments.find(orderId)
      : await this.payments.refresh(orderId);
    return { orderId, status: current.status };
  }

  stop(): Promise<void> {
    return this.ownsSimulator ? this.simulator.stop() : Promise.resolve();
  }

  private confirmOnPhone(orderId: string): string {
    try {
      return this.simulator.completePrepaidOrder(orderId);
    } catch (error) {
      // Pending here but unknown or settled at the simulator: made before it was attached.
      throw new AppError('PARKING_ORDER_NOT_PENDING', {
        cause: error,
        details: { reason: 'not-at-provider' },
      });
    }
  }

  private async notify(xml: string): Promise<boolean> {
    try {
      const answer = await fetch(this.notifyUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body: xml,
        signal: AbortSignal.timeout(10_000),
      });
      return NOTIFY_APPLIED.test(await answer.text());
    } catch (error) {
      this.log.warn({ err: error }, 'simulated payment notification not delivered');
      return false;
    }
  }
}

/**
 * Development only: parking payments (JSAPI in the mini-program, NATIVE QR at the kiosk) go to
 * the WeChat Pay simulator through the real client, so `npm start` can take a payment end to
 * end without a merchant account. The simulated-payment dev route finds it on the simulators.
 */
export async function attachDevWechatPay(running: RunningServer): Promise<DevWechatPay> {
  const { mchId, apiKey } = SIMULATED_MERCHANT;
  const credentials = { appId: running.services.config.wechat.appId, mchId, apiKey };
  // One WeChat Pay simulator per server: the tills' checkouts and parking pay at the same one.
  const shared = running.simulators?.payments.wechatPay;
  const simulator = shared ?? (await startWechatPaySimulator({ ...credentials, signType: 'MD5' }));
  const client = new WechatPayClient({
    ...credentials,
    baseUrl: simulator.url,
    signType: 'MD5',
    clientCert: simulator.clientCertificate,
    tlsCa: simulator.caCertificate,
    pollIntervalMs: 3000,
    deadlineMs: 45_000,
    timeoutMs: 10_000,
  });
  const notifyUrl = `${running.url}${PARKING_NOTIFY_PATH}`;
  const { parking, log } = running.services;
  const gateway = new WechatPayParkingGateway(client, notifyUrl);
  parking.useGateway(running.services.suppliers.gateParkingPayments(gateway));

  const wechatPay = new DevWechatPay(simulator, parking.payments, notifyUrl, log, !shared);
  if (running.simulators) running.simulators.wechatPay = wechatPay;
  return wechatPay;
}
