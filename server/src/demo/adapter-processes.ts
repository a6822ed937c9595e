import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type AdapterName = 'pos-adapter' | 'parking-adapter';

export interface AdapterProcess {
  name: AdapterName;
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface AdapterLaunch {
  name: AdapterName;
  /** Settings written to `<dataDir>/<name>.json` with mode 0600: they hold the device secret. */
  settings: Record<string, unknown>;
  dataDir: string;
  /** Told when the child ends on its own (not through stop()). */
  onUnexpectedExit(name: AdapterName, code: number | null): void;
}

const READY_TIMEOUT_MS = 30_000;

/** The built CLI of a workspace adapter (`npm start` builds both first). */
export function adapterCli(name: AdapterName): string {
  const packageJson = require.resolve(`@memberkit/${name}/package.json`);
  const cli = path.join(path.dirname(packageJson), 'dist', 'cli', `${name}.js`);
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build -w ${name}`);
  return cli;
}

/** A port nobody listens on now, for the camera server (the till API picks its own). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/**
 * Starts an adapter's `serve` in its own process, its output appended to a log file in the data
 * directory (the adapters log no personal data, design.md "Logging"), and waits until it
 * answers at `readyUrl`.
 */
export async function launchAdapter(
  launch: AdapterLaunch,
  url: string,
  readyPath: string,
): Promise<AdapterProcess> {
  const configFile = path.join(launch.dataDir, `${launch.name}.json`);
  fs.writeFileSync(configFile, JSON.stringify(launch.settings, null, 2), { mode: 0o600 });
  fs.chmodSync(configFile, 0o600);
  const logFile = path.join(launch.dataDir, 'logs', `${launch.name}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a', 0o600);

  const args = [adapterCli(launch.name), 'serve', '--config', configFile];
  if (launch.name === 'pos-adapter') args.push('--no-scanner');
  // Only PATH: the adapter reads its settings from the file, not from this server's variables.
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let stopping = false;
  child.once('exit', (code) => {
    if (!stopping) launch.onUnexpectedExit(launch.name, code);
  });

  await waitUntilAnswering(child, `${url}${readyPath}`, logFile);
  return {
    name: launch.name,
    url,
    logFile,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

async function waitUntilAnswering(child: ChildProcess, readyUrl: string, logFile: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(
        `${path.basename(logFile, '.log')} exited (${child.exitCode}); see ${logFile}`,
      );
    try {
      const answer = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
      if (answer.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopChild(child);
  throw new Error(`${path.basename(logFile, '.log')} did not answer in time; see ${logFile}`);
}

/** SIGTERM, then SIGKILL after 5 s: an adapter that hangs must not outlive the stack. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
