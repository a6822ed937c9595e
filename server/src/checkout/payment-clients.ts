import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '@memberkit/shared';
import {
  startAlipaySimulator,
  startWechatPaySimulator,
  type AlipaySimulator,
  type WechatPaySimulator,
} from '../../simulators';
import { AlipayClient } from '../integrations/alipay/alipay-client';
import { WechatPayClient } from '../integrations/wechat-pay/wechat-pay-client';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { AlipayProvider, WechatPayProvider, type PaymentProvider } from './payment-providers';

/**
 * The merchant clients from configuration (WECHAT_PAY_*, ALIPAY_*; see README "Configuration").
 * A provider whose base URL is unset is left out: the simulators stand in for it in
 * development and tests, and in production its codes are not accepted.
 */
export function configuredProviders(config: Readonly<Config>, log: Logger): PaymentProvider[] {
  const providers: PaymentProvider[] = [];
  const wechat = config.checkout.wechatPay;
  if (wechat.baseUrl) {
    const client = new WechatPayClient({
      baseUrl: wechat.baseUrl,
      appId: config.wechat.appId,
      mchId: required(wechat.mchId, 'WECHAT_PAY_MCH_ID'),
      apiKey: required(wechat.apiKey, 'WECHAT_PAY_API_KEY'),
      signType: wechat.signType,
      clientCert: {
        cert: readFile(wechat.certFile, 'WECHAT_PAY_CERT_FILE'),
        key: readFile(wechat.keyFile, 'WECHAT_PAY_KEY_FILE'),
      },
      tlsCa: wechat.caFile ? readFile(wechat.caFile, 'WECHAT_PAY_CA_FILE') : undefined,
      ...timing(config, wechat),
      log,
    });
    providers.push(new WechatPayProvider(client));
  }

  const alipay = config.checkout.alipay;
  if (alipay.baseUrl) {
    const client = new AlipayClient({
      baseUrl: alipay.baseUrl,
      appId: required(alipay.appId, 'ALIPAY_APP_ID'),
      privateKeyPem: readFile(alipay.privateKeyFile, 'ALIPAY_PRIVATE_KEY_FILE'),
      alipayPublicKeyPem: readFile(alipay.publicKeyFile, 'ALIPAY_PUBLIC_KEY_FILE'),
      ...timing(config, alipay),
      log,
    });
    providers.push(new AlipayProvider(client));
  }
  return providers;
}

/** Test merchant credentials the payment simulators accept; never real ones. */
/** Test merchant credentials the payment simulators accept; never real ones. */
export const SIMULATED_MERCHANT = {
  mchId: '1900000109',
  apiKey: 'simsimsimsimsimsimsimsimsimsim00',
  alipayAppId: '2021000000000001',
} as const;

export interface PaymentSimulators {
  wechatPay: WechatPaySimulator;
  alipay: AlipaySimulator;
  /** Clients of this server pointed at the simulators, for the providers config leaves unset. */
  providers(config: Readonly<Config>, log: Logger): PaymentProvider[];
  stop(): Promise<void>;
}

/**
 * Development and tests only (config.simulators): WeChat Pay and Alipay in-process, so
 * `npm start` takes a checkout end to end. Each simulator checks signatures like the real one.
 */
export async function startPaymentSimulators(config: Readonly<Config>): Promise<PaymentSimulators> {
  const { appId } = config.wechat;
  const { mchId, apiKey, alipayAppId } = SIMULATED_MERCHANT;
  const wechatPay = await startWechatPaySimulator({ appId, mchId, apiKey, signType: 'MD5' });
  const merchantKeys = rsaPair();
  const alipayKeys = rsaPair();
  const alipay = await startAlipaySimulator({
    appId: alipayAppId,
    merchantPublicKeyPem: merchantKeys.publicKey,
    alipayPrivateKeyPem: alipayKeys.privateKey,
  });

  const providers = (current: Readonly<Config>, log: Logger): PaymentProvider[] => [
    new WechatPayProvider(
      new WechatPayClient({
        baseUrl: wechatPay.url,
        appId,
        mchId,
        apiKey,
        signType: 'MD5',
        clientCert: wechatPay.clientCertificate,
        tlsCa: wechatPay.caCertificate,
        ...timing(current, current.checkout.wechatPay),
        log,
      }),
    ),
    new AlipayProvider(
      new AlipayClient({
        baseUrl: alipay.url,
        appId: alipayAppId,
        privateKeyPem: merchantKeys.privateKey,
        alipayPublicKeyPem: alipayKeys.publicKey,
        ...timing(current, current.checkout.alipay),
        log,
      }),
    ),
  ];
  const stop = async () => {
    await wechatPay.stop();
    await alipay.stop();
  };
  return { wechatPay, alipay, providers, stop };
}

function timing(
  config: Readonly<Config>,
  merchant: { pollIntervalMs: number; deadlineMs: number },
) {
  return {
    pollIntervalMs: merchant.pollIntervalMs,
    deadlineMs: merchant.deadlineMs,
    timeoutMs: config.checkout.httpTimeoutMs,
  };
}

function rsaPair(): { publicKey: string; privateKey: string } {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function required(value: string | undefined, variable: string): string {
  if (value) return value;
  throw configInvalid(variable);
}

function readFile(file: string | undefined, variable: string): string {
  try {
    return fs.readFileSync(required(file, variable), 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw configInvalid(variable, error);
  }
}

function configInvalid(variable: string, cause?: unknown): AppError {
  return new AppError('CONFIG_INVALID', {
    message: `Missing or unreadable: ${variable}`,
    details: { variables: [variable] },
    cause,
  });
}
