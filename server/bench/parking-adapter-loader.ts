import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What the bench uses of the parking adapter package (parking-adapter/src/index.ts). */
export interface ParkingAdapterModule {
  parseAdapterConfig(input: unknown): unknown;
  createAdapterLogger(level: string): unknown;
  startAdapter(config: unknown, log: unknown): Promise<RunningParkingAdapter>;
}

export interface RunningParkingAdapter {
  url: string;
  connectivity: { isUp: boolean; markDown(): void };
  refreshRules(): Promise<boolean>;
  settle(): Promise<void>;
  status(): { serverUp: boolean; backlog: number; replayed: number };
  stop(): Promise<void>;
}

/**
 * The adapter is its own package (it runs beside the gates, not in the server), so the bench
 * loads its build, building it first when the sources are newer: `npm run bench` builds only
 * shared and the server.
 */
export function loadParkingAdapter(): ParkingAdapterModule {
  const root = findAdapterRoot();
  const entry = path.join(root, 'dist', 'index.js');
  if (
    newestMtime(path.join(root, 'src')) >
    (fs.statSync(entry, { throwIfNoEntry: false })?.mtimeMs ?? 0)
  ) {
    const tsc = require.resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
      stdio: 'inherit',
    });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time, see above
  return require(entry) as ParkingAdapterModule;
}

function findAdapterRoot(): string {
  for (let folder = __dirname; folder !== path.dirname(folder); folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'parking-adapter');
    if (fs.existsSync(path.join(candidate, 'tsconfig.build.json'))) return candidate;
  }
  throw new Error(`no parking-adapter package above ${__dirname}`);
}

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}
