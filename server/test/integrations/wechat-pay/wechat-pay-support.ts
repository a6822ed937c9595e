import {
  WechatPayClient,
  type WechatPayClientOptions,
} from '../../../src/integrations/wechat-pay/wechat-pay-client';
import type { WechatPaySignType } from '../../../src/integrations/wechat-pay/wechat-pay-signature';
import {
  startWechatPaySimulator,
  type WechatPaySimulator,
} from '../../../simulators/wechat-pay-simulator';

export const APP_ID = 'wx5f3c0a1b2c3d4e5f';
export const MCH_ID = '1900000109';
export const API_KEY = '8b1a9953c4611296a827abf8c47804d7';

/** Field cases "WeChat Pay micropay outcomes": order PK-0001, 1500 fen, this payment code. */
export const ORDER = 'PK-0001';
export const FEN = 1500;
export const CODE = '134567890123456789';
export const NEXT_CODE = '134567890123456790';

/** Short enough that a test settles in well under a second (field rules say 3-5 s / 30-45 s). */
// Generous enough for a loaded CI machine: a slow answer must never look like a timeout.
export const FAST = { pollIntervalMs: 20, deadlineMs: 1500, timeoutMs: 1500 };

export interface WechatPayRig {
  simulator: WechatPaySimulator;
  client: WechatPayClient;
  clientWith(overrides: Partial<WechatPayClientOptions>): WechatPayClient;
  stop(): Promise<void>;
}

export async function startWechatPayRig(
  signType: WechatPaySignType = 'MD5',
): Promise<WechatPayRig> {
  const simulator = await startWechatPaySimulator({
    appId: APP_ID,
    mchId: MCH_ID,
    apiKey: API_KEY,
    signType,
  });
  const clientWith = (overrides: Partial<WechatPayClientOptions>) =>
    new WechatPayClient({
      baseUrl: simulator.url,
      appId: APP_ID,
      mchId: MCH_ID,
      apiKey: API_KEY,
      signType,
      clientCert: simulator.clientCertificate,
      tlsCa: simulator.caCertificate,
      ...FAST,
      ...overrides,
    });
  return { simulator, client: clientWith({}), clientWith, stop: () => simulator.stop() };
}

/** The pay call for attempt N of the field-case order. */
export function attemptOf(attempt: number, authCode = CODE) {
  return {
    businessOrderId: ORDER,
    attempt,
    totalFen: FEN,
    authCode,
    body: 'Retail Member Kit-parking',
    clientIp: '127.0.0.1',
  };
}

/** How often the simulator accepted a call of this API. */
export function countCalls(simulator: WechatPaySimulator, api: string): number {
  return simulator.calls().filter((call) => call.api === api).length;
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
