import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_PAYMENT_CODE_TABLE,
  paymentCodeTableSchema,
  type PaymentCodeTable,
} from '@memberkit/shared';
import { z } from 'zod';

/**
 * The adapter's settings: a JSON file (adapter.example.json) with environment overrides. Only
 * this file reads process.env. A bad value stops the start, naming the setting, never its
 * value (the device secret is one of them).
 */
const ConfigSchema = z
  .strictObject({
    /** The Retail Member Kit server, e.g. https://member.example.com */
    serverUrl: z.url(),
    deviceId: z.string().min(1).max(40),
    /** Either the secret itself (environment) or a file holding it (recommended). */
    deviceSecret: z.string().min(16).max(256).optional(),
    deviceSecretFile: z.string().min(1).optional(),
    /** Sent with every checkout so the server books the sale to the right store. */
    storeId: z.string().min(1).max(40).optional(),
    /** The till's local API; it always listens on 127.0.0.1 only. */
    port: z.number().int().min(0).max(65535).default(8091),
    /** The SQLite file of checkouts and the outbox (created with permissions 0600). */
    outboxFile: z.string().min(1).default('./data/pos-adapter.sqlite'),
    /**
     * How long a live checkout may take. A payment code the shopper confirms with a password
     * is polled by the server for up to about 45 s (wechat-pay-micropay.md), so allow more.
     */
    checkoutBudgetMs: z.number().int().min(1000).max(180_000).default(60_000),
    /** First wait before the outbox is tried again after a failure; doubles up to the max. */
    retryMs: z.number().int().min(50).default(2000),
    maxRetryMs: z.number().int().min(50).default(60_000),
    /** A scan-gun line longer than this is garbage (two scans run together, a stuck key). */
    scanMaxLength: z.number().int().min(16).max(1024).default(64),
    /** The prefix/length table: it has changed over the years (field cases), so it is config. */
    paymentCodeTable: paymentCodeTableSchema.optional(),
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .refine(
    (config) => (config.deviceSecret === undefined) !== (config.deviceSecretFile === undefined),
    {
      message: 'give exactly one of deviceSecret and deviceSecretFile',
      path: ['deviceSecret'],
    },
  );

type ParsedConfig = z.output<typeof ConfigSchema>;

export type AdapterConfig = Omit<
  ParsedConfig,
  'deviceSecret' | 'deviceSecretFile' | 'paymentCodeTable'
> & {
  deviceSecret: string;
  paymentCodeTable: PaymentCodeTable;
};
export type AdapterConfigInput = z.input<typeof ConfigSchema>;

const ENVIRONMENT: Record<string, keyof ParsedConfig> = {
  POS_SERVER_URL: 'serverUrl',
  POS_DEVICE_ID: 'deviceId',
  POS_DEVICE_SECRET: 'deviceSecret',
  POS_DEVICE_SECRET_FILE: 'deviceSecretFile',
  POS_STORE_ID: 'storeId',
  POS_PORT: 'port',
  POS_OUTBOX_FILE: 'outboxFile',
  POS_CHECKOUT_BUDGET_MS: 'checkoutBudgetMs',
  LOG_LEVEL: 'logLevel',
};
const NUMERIC = new Set<keyof ParsedConfig>(['port', 'checkoutBudgetMs']);

export class AdapterConfigError extends Error {
  constructor(readonly settings: string[]) {
    super(`Invalid pos-adapter setting: ${settings.join(', ')}`);
    this.name = 'AdapterConfigError';
  }
}

/** Parse settings given in code (tests) the same way as a file. */
export function parseAdapterConfig(input: unknown): Readonly<AdapterConfig> {
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success)
    throw new AdapterConfigError([...new Set(parsed.error.issues.flatMap(settingsOf))]);
  const { deviceSecretFile, deviceSecret, ...settings } = parsed.data;
  return Object.freeze({
    ...settings,
    deviceSecret: deviceSecret ?? readSecretFile(deviceSecretFile as string),
    paymentCodeTable: settings.paymentCodeTable ?? DEFAULT_PAYMENT_CODE_TABLE,
  });
}

export function loadAdapterConfig(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<AdapterConfig> {
  const overrides: Record<string, unknown> = {};
  for (const [variable, setting] of Object.entries(ENVIRONMENT)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    overrides[setting] = NUMERIC.has(setting) ? Number(value) : value;
  }
  const fromFile = file ? readConfigFile(file) : {};
  // A secret from the environment replaces the file's way of giving it, whichever that was.
  if (overrides.deviceSecret !== undefined) delete fromFile.deviceSecretFile;
  if (overrides.deviceSecretFile !== undefined) delete fromFile.deviceSecret;
  return parseAdapterConfig({ ...fromFile, ...overrides });
}

/** The settings an issue is about; an unknown one (a typo) is named as such. */
function settingsOf(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${key} (unknown)`);
  return [issue.path.join('.')];
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new AdapterConfigError(['--config (file cannot be read)']);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error();
    return { ...(value as Record<string, unknown>) };
  } catch {
    throw new AdapterConfigError(['--config (not a JSON object)']);
  }
}

function readSecretFile(file: string): string {
  let secret: string;
  try {
    secret = fs.readFileSync(path.resolve(file), 'utf8').trim();
  } catch {
    throw new AdapterConfigError(['deviceSecretFile (cannot be read)']);
  }
  if (secret.length < 16 || secret.length > 256)
    throw new AdapterConfigError(['deviceSecretFile (not a device secret)']);
  return secret;
}
