import path from 'node:path';
import { z } from 'zod';
import { AppError } from '@memberkit/shared';
import { CHECKOUT_VARIABLES, checkoutConfig, type CheckoutConfig } from './config-checkout';

/**
 * The only reader of process.env in the server. Everything else receives a frozen Config.
 * A bad variable stops the start with CONFIG_INVALID naming the variable, never its value.
 */
const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATA_DIR: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(sqlite:|mysql:\/\/)/, 'must start with sqlite: or mysql://')
      .optional(),
    VAULT_DATABASE_URL: z
      .string()
      .regex(/^(sqlite:|mysql:\/\/)/, 'must start with sqlite: or mysql://')
      .optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    MASTER_KEYS: z.string().min(1).optional(),
    MASTER_KEYS_FILE: z.string().min(1).optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    DEVICE_CLOCK_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
    SMS_PER_PHONE_PER_MINUTE: z.coerce.number().int().min(1).default(1),
    SMS_PER_PHONE_PER_HOUR: z.coerce.number().int().min(1).default(5),
    SMS_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(1).default(20),
    WECHAT_APP_ID: z.string().min(1).default('wxmemberkitdemo0001'),
    WECHAT_APP_SECRET: z.string().min(1).optional(),
    WECHAT_API_BASE_URL: z.url().optional(),
    SMS_API_BASE_URL: z.url().optional(),
    SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
    SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
    SMS_SIGN_NAME: z.string().min(1).default('会员中心'),
    SMS_TEMPLATE_CODE: z.string().min(1).default('SMS_000001'),
    SMS_SUPPLIER_CODE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/)
      .optional(),
    WECHAT_PAY_SUPPLIER_CODE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/)
      .optional(),
    ALIPAY_SUPPLIER_CODE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/)
      .optional(),
    SIMULATORS: z.enum(['on', 'off']).optional(),
    ...CHECKOUT_VARIABLES,
    H5_DIR: z.string().min(1).optional(),
  })
  .loose();

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  vaultDatabaseUrl: string;
  dbPoolMax: number;
  masterKeys?: string;
  masterKeysFile: string;
  logLevel: string;
  bodyLimitBytes: number;
  deviceClockWindowSeconds: number;
  smsLimits: { perPhonePerMinute: number; perPhonePerHour: number; perClientPerHour: number };
  wechat: { appId: string; appSecret?: string; apiBaseUrl?: string };
  sms: {
    apiBaseUrl?: string;
    accessKeyId?: string;
    accessKeySecret?: string;
    signName: string;
    templateCode: string;
  };
  /**
   * C-4.1.4b: the supplier-register codes of the services that receive customer data. When one
   * is set, nothing goes to that service without a valid confidentiality agreement on file.
   * Production and development check by default; tests check only where they set a code.
   */
  suppliers: { sms?: string; wechatPay?: string; alipay?: string };
  /** Start the WeChat and SMS simulators in-process (development default; never production). */
  simulators: boolean;
  /** Where the built H5 mini-program is, served under /h5/. */
  h5Dir: string;
  /** Till checkout: WeChat Pay and Alipay merchants, leases, receipt claims (issue #6). */
  checkout: CheckoutConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const variables = parsed.error.issues.map((issue) => String(issue.path[0]));
    throw new AppError('CONFIG_INVALID', {
      message: `Invalid environment variable: ${variables.join(', ')}`,
      details: { variables },
    });
  }

  const values = parsed.data;
  const dataDir = path.resolve(values.DATA_DIR ?? 'data');
  const databaseUrl = values.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'memberkit.sqlite')}`;
  return Object.freeze({
    env: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    dataDir,
    databaseUrl,
    vaultDatabaseUrl: values.VAULT_DATABASE_URL ?? databaseUrl,
    dbPoolMax: values.DB_POOL_MAX,
    masterKeys: values.MASTER_KEYS,
    masterKeysFile: values.MASTER_KEYS_FILE ?? path.join(dataDir, 'master-keys.json'),
    logLevel: values.LOG_LEVEL,
    bodyLimitBytes: values.BODY_LIMIT_BYTES,
    deviceClockWindowSeconds: values.DEVICE_CLOCK_WINDOW_SECONDS,
    smsLimits: {
      perPhonePerMinute: values.SMS_PER_PHONE_PER_MINUTE,
      perPhonePerHour: values.SMS_PER_PHONE_PER_HOUR,
      perClientPerHour: values.SMS_PER_CLIENT_PER_HOUR,
    },
    wechat: {
      appId: values.WECHAT_APP_ID,
      appSecret: values.WECHAT_APP_SECRET,
      apiBaseUrl: values.WECHAT_API_BASE_URL,
    },
    sms: {
      apiBaseUrl: values.SMS_API_BASE_URL,
      accessKeyId: values.SMS_ACCESS_KEY_ID,
      accessKeySecret: values.SMS_ACCESS_KEY_SECRET,
      signName: values.SMS_SIGN_NAME,
      templateCode: values.SMS_TEMPLATE_CODE,
    },
    suppliers: supplierCodes(values),
    simulators: values.NODE_ENV === 'production' ? false : (values.SIMULATORS ?? 'on') === 'on',
    h5Dir: path.resolve(values.H5_DIR ?? 'miniprogram/dist/h5'),
    checkout: checkoutConfig(values),
  });
}

function supplierCodes(values: z.infer<typeof ConfigSchema>): Config['suppliers'] {
  const checkedByDefault = values.NODE_ENV !== 'test';
  return {
    sms: values.SMS_SUPPLIER_CODE ?? (checkedByDefault ? 'aliyun-sms' : undefined),
    wechatPay: values.WECHAT_PAY_SUPPLIER_CODE ?? (checkedByDefault ? 'wechat-pay' : undefined),
    alipay: values.ALIPAY_SUPPLIER_CODE ?? (checkedByDefault ? 'alipay' : undefined),
  };
}
