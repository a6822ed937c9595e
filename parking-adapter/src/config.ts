import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The adapter's settings: a JSON file (see README in package.json `description`) with
 * environment overrides. Only this file reads process.env. A bad value stops the start,
 * naming the setting, never its value (the device secret is one of them).
 */
const ConfigSchema = z.strictObject({
  /** The Retail Member Kit server, e.g. https://member.example.com */
  serverUrl: z.url(),
  deviceId: z.string().min(1).max(40),
  deviceSecret: z.string().min(16).max(256),
  /** Where the cameras push to (their "server address" setting). */
  host: z.string().min(1).default('0.0.0.0'),
  port: z.number().int().min(0).max(65535).default(8089),
  /** The local SQLite file: offline rules, the outbox, records already seen. */
  dataFile: z.string().min(1).default('./data/parking-adapter.sqlite'),
  /** Issue #7: a server slower than this is treated as away and the adapter decides alone. */
  decisionBudgetMs: z.number().int().min(50).max(5000).default(300),
  rulesRefreshMs: z.number().int().min(1000).default(30_000),
  commandPollMs: z.number().int().min(100).default(1000),
  retryMs: z.number().int().min(50).default(1000),
  heartbeatMs: z.number().int().min(1000).default(60_000),
  /** How long a camera's comet poll is held open waiting for an "open once". */
  cometHoldMs: z.number().int().min(0).max(60_000).default(10_000),
  /** Records (serial, plateid) are remembered this long for de-duplication. */
  dedupeDays: z.number().int().min(1).max(90).default(7),
  ledSerialChannel: z.number().int().min(0).max(7).default(0),
  /** Most LED controllers on the RS-485 line take GB2312/GBK text. */
  ledEncoding: z.enum(['gbk', 'utf8']).default('gbk'),
  /** Also pulse output 0 when opening (barriers wired to the camera's I/O rather than its logic). */
  openPulse: z.boolean().default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type AdapterConfig = z.output<typeof ConfigSchema>;
export type AdapterConfigInput = z.input<typeof ConfigSchema>;

const ENVIRONMENT: Record<string, keyof AdapterConfig> = {
  PARKING_SERVER_URL: 'serverUrl',
  PARKING_DEVICE_ID: 'deviceId',
  PARKING_DEVICE_SECRET: 'deviceSecret',
  PARKING_HOST: 'host',
  PARKING_PORT: 'port',
  PARKING_DATA_FILE: 'dataFile',
  LOG_LEVEL: 'logLevel',
};

export class AdapterConfigError extends Error {
  constructor(readonly settings: string[]) {
    super(`Invalid parking adapter setting: ${settings.join(', ')}`);
    this.name = 'AdapterConfigError';
  }
}

/** Parse settings given in code (tests, the bench) the same way as a file. */
export function parseAdapterConfig(input: unknown): Readonly<AdapterConfig> {
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success)
    throw new AdapterConfigError(parsed.error.issues.map((issue) => issue.path.join('.')));
  return Object.freeze(parsed.data);
}

export function loadAdapterConfig(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<AdapterConfig> {
  const fromFile = file ? (JSON.parse(fs.readFileSync(path.resolve(file), 'utf8')) as object) : {};
  const overrides: Record<string, unknown> = {};
  for (const [variable, setting] of Object.entries(ENVIRONMENT)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    overrides[setting] = setting === 'port' ? Number(value) : value;
  }
  return parseAdapterConfig({ ...fromFile, ...overrides });
}
