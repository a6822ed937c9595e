import crypto from 'node:crypto';
import {
  AlipayClient,
  type AlipayClientOptions,
} from '../../../src/integrations/alipay/alipay-client';
import { startAlipaySimulator, type AlipaySimulator } from '../../../simulators/alipay-simulator';

export const APP_ID = '2021004100000001';
export const ORDER = 'PK-0001';
export const CODE = '2812345678901234';
export const NEXT_CODE = '2812345678901235';
export const BUYER = '2088102146225135';
// Generous enough for a loaded CI machine: a slow answer must never look like a timeout.
export const FAST = { pollIntervalMs: 20, deadlineMs: 1500, timeoutMs: 1500 };

export interface AlipayKeys {
  merchant: crypto.KeyPairKeyObjectResult;
  alipay: crypto.KeyPairKeyObjectResult;
}

/** Two RSA key pairs: the merchant application's, and "Alipay's". */
export function generateAlipayKeys(): AlipayKeys {
  const generate = () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { merchant: generate(), alipay: generate() };
}

export function pem(key: crypto.KeyObject, type: 'pkcs1' | 'pkcs8' | 'spki'): string {
  return key.export({ type, format: 'pem' } as crypto.KeyExportOptions<'pem'>).toString();
}

export interface AlipayRig {
  simulator: AlipaySimulator;
  client: AlipayClient;
  clientWith(overrides: Partial<AlipayClientOptions>): AlipayClient;
  stop(): Promise<void>;
}

export async function startAlipayRig(keys: AlipayKeys): Promise<AlipayRig> {
  const simulator = await startAlipaySimulator({
    appId: APP_ID,
    merchantPublicKeyPem: pem(keys.merchant.publicKey, 'spki'),
    alipayPrivateKeyPem: pem(keys.alipay.privateKey, 'pkcs8'),
  });
  const clientWith = (overrides: Partial<AlipayClientOptions>) =>
    new AlipayClient({
      baseUrl: simulator.url,
      appId: APP_ID,
      privateKeyPem: pem(keys.merchant.privateKey, 'pkcs1'),
      alipayPublicKeyPem: pem(keys.alipay.publicKey, 'spki'),
      ...FAST,
      ...overrides,
    });
  return { simulator, client: clientWith({}), clientWith, stop: () => simulator.stop() };
}

export function attemptOf(attempt: number, authCode = CODE, totalFen = 1500) {
  return {
    businessOrderId: ORDER,
    attempt,
    totalFen,
    authCode,
    subject: 'Retail Member Kit-parking',
  };
}

export function countCalls(simulator: AlipaySimulator, method: string): number {
  return simulator.calls().filter((call) => call.method === method).length;
}
