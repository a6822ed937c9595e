import { AppError } from '@memberkit/shared';
import type { Config } from '../platform/config';

/** Where the outside services are, and the credentials for them. */
export interface IntegrationEndpoints {
  wechat: { baseUrl: string; appId: string; appSecret: string };
  sms: {
    baseUrl: string;
    accessKeyId: string;
    accessKeySecret: string;
    signName: string;
    templateCode: string;
  };
}

export const SIMULATOR_CREDENTIALS = {
  wechatAppSecret: 'dev-wechat-app-secret',
  smsAccessKeyId: 'dev-sms-access-key',
  smsAccessKeySecret: 'dev-sms-access-secret',
} as const;

/**
 * The real services unless configured otherwise. Production needs every secret set; elsewhere
 * a missing secret is only a problem once a call is made.
 */
export function resolveIntegrations(config: Readonly<Config>): IntegrationEndpoints {
  const missing = [
    !config.wechat.appSecret && 'WECHAT_APP_SECRET',
    !config.sms.accessKeyId && 'SMS_ACCESS_KEY_ID',
    !config.sms.accessKeySecret && 'SMS_ACCESS_KEY_SECRET',
  ].filter(Boolean) as string[];
  if (config.env === 'production' && missing.length > 0) {
    throw new AppError('CONFIG_INVALID', {
      message: `Missing environment variable: ${missing.join(', ')}`,
      details: { variables: missing },
    });
  }

  return {
    wechat: {
      baseUrl: config.wechat.apiBaseUrl ?? 'https://api.weixin.qq.com',
      appId: config.wechat.appId,
      appSecret: config.wechat.appSecret ?? 'unset',
    },
    sms: {
      baseUrl: config.sms.apiBaseUrl ?? 'https://dysmsapi.aliyuncs.com',
      accessKeyId: config.sms.accessKeyId ?? 'unset',
      accessKeySecret: config.sms.accessKeySecret ?? 'unset',
      signName: config.sms.signName,
      templateCode: config.sms.templateCode,
    },
  };
}

/** Endpoints pointing at in-process simulators (dev mode and tests). */
export function simulatorEndpoints(
  config: Readonly<Config>,
  wechatUrl: string,
  smsUrl: string,
): IntegrationEndpoints {
  return {
    wechat: {
      baseUrl: wechatUrl,
      appId: config.wechat.appId,
      appSecret: SIMULATOR_CREDENTIALS.wechatAppSecret,
    },
    sms: {
      baseUrl: smsUrl,
      accessKeyId: SIMULATOR_CREDENTIALS.smsAccessKeyId,
      accessKeySecret: SIMULATOR_CREDENTIALS.smsAccessKeySecret,
      signName: config.sms.signName,
      templateCode: config.sms.templateCode,
    },
  };
}
