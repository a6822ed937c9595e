import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { createServices, type Services } from '../../src/container';
import { loadConfig, type Config } from '../../src/platform/config';
import { createLogger, type Logger } from '../../src/platform/logger';
import { startServer, type RunningServer } from '../../src/server';

/** A master key set for tests: versions given, the last one current. */
export function testMasterKeys(versions = [1]): string {
  const keys = Object.fromEntries(
    versions.map((version) => [String(version), crypto.randomBytes(32).toString('base64')]),
  );
  return JSON.stringify({ current: versions[versions.length - 1], keys });
}

export function testConfig(
  databaseUrl: string,
  overrides: Record<string, string> = {},
): Readonly<Config> {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    // A key file given by the test wins over generated keys in the environment.
    ...(overrides.MASTER_KEYS_FILE ? {} : { MASTER_KEYS: testMasterKeys() }),
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...overrides,
  });
}

/** A logger whose every line is kept, so tests can search what would have been logged. */
export function capturingLogger(level = 'debug'): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { log: createLogger(level, sink), lines };
}

export async function testServices(
  databaseUrl: string,
  overrides: Record<string, string> = {},
  log?: Logger,
): Promise<Services> {
  const config = testConfig(databaseUrl, overrides);
  return createServices(config, log ?? createLogger('silent'));
}

export async function testServer(
  databaseUrl: string,
  overrides: Record<string, string> = {},
  log?: Logger,
): Promise<RunningServer> {
  const config = testConfig(databaseUrl, overrides);
  return startServer(config, log ?? createLogger('silent'));
}
