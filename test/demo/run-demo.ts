import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'expect';
import type { DemoDayCredentials } from '../../server/src/demo/demo-day-setup';
import type { StackAddresses } from '../../server/src/demo/demo-stack';
import { launchChromium } from '../e2e/support/browser';
import { formatSummary } from './day-summary';
import { playMallDay } from './mall-day';

/**
 * `npm run demo [-- --json]`: plays a day at the mall against the stack `npm start` runs (found
 * through <DATA_DIR or ./data>/stack.json), or, when none answers, against its own stack on a
 * fresh data directory, stopped at the end.
 */
// Compiled to test/dist/test/demo/run-demo.js (test/tsconfig.demo.json).
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const START_TIMEOUT_MS = 10 * 60 * 1000;

// The sign-up journeys shared with the browser tests check the page as they go with jest's
// expect; outside jest the same checks come from the expect package jest is built on.
Object.assign(globalThis, { expect });

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function runningStack(dataDir: string): Promise<StackAddresses | undefined> {
  const file = path.join(dataDir, 'stack.json');
  if (!fs.existsSync(file)) return undefined;
  const stack = JSON.parse(fs.readFileSync(file, 'utf8')) as StackAddresses;
  const alive =
    (await answers(`${stack.api}/healthz`)) && (await answers(`${stack.tillApi}/status`));
  return alive ? stack : undefined;
}

/** `npm start`'s own code on a fresh data directory; resolves once its stack.json appears. */
async function startOwnStack(): Promise<{ stack: StackAddresses; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-demo-'));
  const logFile = path.join(dataDir, 'npm-start.log');
  say(`no running stack answered: starting one in ${dataDir} (output in ${logFile})`);
  const log = fs.openSync(logFile, 'a', 0o600);
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/start.mjs')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', log, log],
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`npm start exited (${child.exitCode}); see ${logFile}`);
    const stack = await runningStack(dataDir);
    if (stack) return { stack, child };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  child.kill('SIGTERM');
  throw new Error(`the stack did not come up in time; see ${logFile}`);
}

function stopOwnStack(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The real `memberkit audit verify`, on the stack's data directory and database. */
async function auditVerify(stack: StackAddresses) {
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'server/dist/bin/memberkit.js'), 'audit', 'verify'],
    { env: { ...process.env, DATA_DIR: stack.dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
  );
  return { ok: result.status === 0, line: `${result.stdout}${result.stderr}`.trim() };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(REPO_ROOT, 'data'));
  const found = await runningStack(dataDir);
  const own = found ? undefined : await startOwnStack();
  const stack = found ?? own!.stack;
  say(`playing a day at the mall against ${stack.api} (${stack.database})`);
  const credentials = JSON.parse(
    fs.readFileSync(stack.credentialsFile, 'utf8'),
  ) as DemoDayCredentials;
  const browser = await launchChromium();
  try {
    const outcome = await playMallDay({
      stack,
      credentials,
      browser,
      progress: (line) => say(`  ${line}`),
      auditVerify: async () => auditVerify(stack),
    });
    for (const line of formatSummary(outcome.summary)) say(line);
    if (json) say(JSON.stringify(outcome.summary, null, 2));
    if (!outcome.summary.audit.ok) process.exitCode = 2;
  } finally {
    await browser.close();
    if (own) await stopOwnStack(own.child);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
