import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { WechatPaySimulator } from '../../simulators';
import { FAST_PAYMENTS } from './checkout-kit';

const CLI = path.resolve(__dirname, '../../dist/bin/memberkit.js');

/** Test merchant for the crash suite's WeChat Pay simulator; never a real one. */
export const CRASH_MERCHANT = {
  appId: 'wxcrashtest0000001',
  mchId: '1900000777',
  apiKey: 'crashcrashcrashcrashcrashcrash00',
} as const;

/** The built `memberkit start` as its own process, pointed at the jest process's simulator. */
export class CrashServer {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  private said = '';
  readonly url: string;

  private constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(
    databaseUrl: string,
    masterKeys: string,
    simulator: WechatPaySimulator,
  ): Promise<CrashServer> {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    const files = writeCertificates(simulator);
    const port = await freePort();
    return new CrashServer(
      {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        MASTER_KEYS: masterKeys,
        SIMULATORS: 'off',
        WECHAT_APP_ID: CRASH_MERCHANT.appId,
        WECHAT_PAY_BASE_URL: simulator.url,
        WECHAT_PAY_MCH_ID: CRASH_MERCHANT.mchId,
        WECHAT_PAY_API_KEY: CRASH_MERCHANT.apiKey,
        ...files,
        ...FAST_PAYMENTS,
        CHECKOUT_LEASE_SECONDS: '2',
      },
      port,
    );
  }

  /** Start, with the fault hook set to `crashAt` or none, and wait until it answers. */
  async start(crashAt?: string): Promise<void> {
    const env = { ...this.env, ...(crashAt ? { CHECKOUT_CRASH_AT: crashAt } : {}) };
    const child = spawn(process.execPath, [CLI, 'start', '--no-seed'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // What the server said before it died, for the failure message of a start that fails.
    this.said = '';
    child.stderr?.on('data', (chunk: Buffer) => (this.said = `${this.said}${chunk}`.slice(-2000)));
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await this.waitUntilReady();
  }

  /** Resolves with the signal when the process ends (SIGKILL from the fault hook). */
  async died(): Promise<void> {
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }

  private async waitUntilReady(): Promise<void> {
    const giveUpAt = Date.now() + 30_000;
    while (Date.now() < giveUpAt) {
      if (this.child?.exitCode !== null)
        throw new Error(`memberkit start exited early: ${this.said}`);
      const ready = await fetch(`${this.url}/healthz`).then(
        (answer) => answer.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('memberkit start did not answer within 30 s');
  }
}

function writeCertificates(simulator: WechatPaySimulator): Record<string, string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-crash-'));
  const write = (name: string, text: string) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  return {
    WECHAT_PAY_CERT_FILE: write('apiclient_cert.pem', simulator.clientCertificate.cert),
    WECHAT_PAY_KEY_FILE: write('apiclient_key.pem', simulator.clientCertificate.key),
    WECHAT_PAY_CA_FILE: write('simulator-ca.pem', simulator.caCertificate),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function idempotencyKey(): string {
  return crypto.randomUUID();
}
