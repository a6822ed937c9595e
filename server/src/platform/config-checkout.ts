import { z } from 'zod';
import { AppError } from '@memberkit/shared';

/**
 * Till checkout settings (issue #6), read by config.ts with the rest of the environment. The
 * merchant settings are optional: a provider left unset is served by its simulator in
 * development and tests (SIMULATORS), and takes no payments in production.
 */
export const CRASH_POINTS = ['after-provider-paid', 'after-commit', 'after-award'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

const milliseconds = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export const CHECKOUT_VARIABLES = {
  WECHAT_PAY_BASE_URL: z.url().optional(),
  WECHAT_PAY_MCH_ID: z.string().min(1).optional(),
  WECHAT_PAY_API_KEY: z.string().min(1).optional(),
  WECHAT_PAY_SIGN_TYPE: z.enum(['MD5', 'HMAC-SHA256']).default('MD5'),
  WECHAT_PAY_CERT_FILE: z.string().min(1).optional(),
  WECHAT_PAY_KEY_FILE: z.string().min(1).optional(),
  WECHAT_PAY_CA_FILE: z.string().min(1).optional(),
  // protocols/wechat-pay-micropay.md: query every 3-5 s (official pages 5-10 s) for 30-45 s.
  WECHAT_PAY_POLL_MS: milliseconds(5_000),
  WECHAT_PAY_DEADLINE_MS: milliseconds(30_000),
  ALIPAY_BASE_URL: z.url().optional(),
  ALIPAY_APP_ID: z.string().min(1).optional(),
  ALIPAY_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  ALIPAY_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  // protocols/alipay-barcode.md: query every 3-6 s for about 60 s; 30 s by default so the
  // whole attempt fits in the till's lease (CHECKOUT_LEASE_SECONDS): raise both together.
  ALIPAY_POLL_MS: milliseconds(3_000),
  ALIPAY_DEADLINE_MS: milliseconds(30_000),
  PAYMENT_HTTP_TIMEOUT_MS: milliseconds(10_000),
  CHECKOUT_LEASE_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  RECEIPT_CLAIM_HOURS: z.coerce.number().int().min(1).max(72).default(48),
  CHECKOUT_CRASH_AT: z.enum(CRASH_POINTS).optional(),
};

type CheckoutValues = z.output<z.ZodObject<typeof CHECKOUT_VARIABLES>> & { NODE_ENV: string };

export interface WechatPayMerchantConfig {
  baseUrl?: string;
  mchId?: string;
  apiKey?: string;
  signType: 'MD5' | 'HMAC-SHA256';
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  pollIntervalMs: number;
  deadlineMs: number;
}

export interface AlipayMerchantConfig {
  baseUrl?: string;
  appId?: string;
  privateKeyFile?: string;
  publicKeyFile?: string;
  pollIntervalMs: number;
  deadlineMs: number;
}

export interface CheckoutConfig {
  wechatPay: WechatPayMerchantConfig;
  alipay: AlipayMerchantConfig;
  httpTimeoutMs: number;
  /** How long a till write holds its Idempotency-Key (and its sale) before a retry may take over. */
  leaseSeconds: number;
  receiptClaimHours: number;
  /** Test-only fault hook (server/src/checkout/crash-points.ts); never set outside NODE_ENV=test. */
  crashAt?: CrashPoint;
}

export function checkoutConfig(values: CheckoutValues): CheckoutConfig {
  const config: CheckoutConfig = {
    wechatPay: {
      baseUrl: values.WECHAT_PAY_BASE_URL,
      mchId: values.WECHAT_PAY_MCH_ID,
      apiKey: values.WECHAT_PAY_API_KEY,
      signType: values.WECHAT_PAY_SIGN_TYPE,
      certFile: values.WECHAT_PAY_CERT_FILE,
      keyFile: values.WECHAT_PAY_KEY_FILE,
      caFile: values.WECHAT_PAY_CA_FILE,
      pollIntervalMs: values.WECHAT_PAY_POLL_MS,
      deadlineMs: values.WECHAT_PAY_DEADLINE_MS,
    },
    alipay: {
      baseUrl: values.ALIPAY_BASE_URL,
      appId: values.ALIPAY_APP_ID,
      privateKeyFile: values.ALIPAY_PRIVATE_KEY_FILE,
      publicKeyFile: values.ALIPAY_PUBLIC_KEY_FILE,
      pollIntervalMs: values.ALIPAY_POLL_MS,
      deadlineMs: values.ALIPAY_DEADLINE_MS,
    },
    httpTimeoutMs: values.PAYMENT_HTTP_TIMEOUT_MS,
    leaseSeconds: values.CHECKOUT_LEASE_SECONDS,
    receiptClaimHours: values.RECEIPT_CLAIM_HOURS,
    crashAt: values.NODE_ENV === 'test' ? values.CHECKOUT_CRASH_AT : undefined,
  };
  assertAttemptFitsLease(config);
  return config;
}

/**
 * A payment attempt that outlives its lease would let the till's retry take the sale over
 * while the first request still polls, and reverse a payment the shopper is confirming. The
 * margin covers the pay call and the reverse (or cancel) each waiting a full HTTP timeout.
 */
function assertAttemptFitsLease(config: CheckoutConfig): void {
  const slowest = Math.max(config.wechatPay.deadlineMs, config.alipay.deadlineMs);
  const margin = 2 * config.httpTimeoutMs;
  if (slowest + margin < config.leaseSeconds * 1000) return;
  throw new AppError('CONFIG_INVALID', {
    message: 'CHECKOUT_LEASE_SECONDS must outlast the payment deadlines and two HTTP timeouts',
    details: { variables: ['CHECKOUT_LEASE_SECONDS'] },
  });
}
