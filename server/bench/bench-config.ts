import crypto from 'node:crypto';
import { loadConfig, type Config } from '../src/platform/config';
import { createLogger, type Logger } from '../src/platform/logger';
import type { ScratchDatabase } from './scratch-databases';

/** Server config for a target: quiet, on a free port, with a master key made for this run. */
export function benchConfig(database: ScratchDatabase): Readonly<Config> {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: database.dataDir,
    MASTER_KEYS: freshMasterKeys(),
    LOG_LEVEL: 'silent',
    PORT: '0',
  });
}

// Logging would cost every request a write to stdout and bury the table.
export function benchLogger(): Logger {
  return createLogger('silent');
}

/** One random key version, the shape MASTER_KEYS takes (platform/crypto/master-keys.ts). */
function freshMasterKeys(): string {
  return JSON.stringify({ current: 1, keys: { '1': crypto.randomBytes(32).toString('base64') } });
}
