import { startWechatPaySimulator, type WechatPaySimulator } from '../../simulators';
import { WechatPayClient } from '../integrations/wechat-pay/wechat-pay-client';
import { WechatPayParkingGateway } from '../parking/payment-gateway';
import type { RunningServer } from '../server';

/** Test merchant credentials the WeChat Pay simulator accepts; never real ones. */
const DEV_MERCHANT = { mchId: '1900000109', apiKey: 'devdevdevdevdevdevdevdevdevdev00' } as const;

/**
 * Development only: parking payments (JSAPI in the mini-program, NATIVE QR at the kiosk) go to
 * the WeChat Pay simulator through the real client, so `npm start` can take a payment end to
 * end without a merchant account.
 */
export async function attachDevWechatPay(running: RunningServer): Promise<WechatPaySimulator> {
  const credentials = { appId: running.services.config.wechat.appId, ...DEV_MERCHANT };
  const simulator = await startWechatPaySimulator({ ...credentials, signType: 'MD5' });
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
  const notifyUrl = `${running.url}/v1/parking/payments/wechat/notify`;
  running.services.parking.useGateway(new WechatPayParkingGateway(client, notifyUrl));
  return simulator;
}
