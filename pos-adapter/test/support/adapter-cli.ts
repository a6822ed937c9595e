import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli/pos-adapter.js');

function builtCli(): string {
  if (!fs.existsSync(CLI))
    throw new Error(`${CLI} is missing: run npm run build (or npm run build -w pos-adapter) first`);
  return CLI;
}

const quietEnv = () => ({ PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' });

/**
 * Run one `pos-adapter` command to its end, as a cashier would at a terminal. Asynchronous on
 * purpose: the server under test runs in this process and must keep answering meanwhile.
 */
export function runAdapterCli(
  args: string[],
  input?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [builtCli(), ...args], { env: quietEnv() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  child.stdin.end(input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => {
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export interface ServingAdapter {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** What the scan gun types: written to the adapter's stdin as is. */
  type(text: string): void;
  stop(): Promise<void>;
}

/** `pos-adapter serve` in its own process, its stdin standing in for the scan gun. */
export async function serveAdapter(configFile: string): Promise<ServingAdapter> {
  const child = spawn(process.execPath, [builtCli(), 'serve', '--config', configFile], {
    env: quietEnv(),
  });
  const url = await new Promise<string>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`adapter did not start: ${said}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      said += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(said);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`adapter exited (${code}): ${said}`)));
  });
  return {
    child,
    url,
    type: (text) => child.stdin.write(text),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
