import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type BuildTarget = 'h5' | 'weapp';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const MINIPROGRAM_DIR = path.join(REPO_ROOT, 'miniprogram');

/** What a build reads: newer than the output means the output is stale. */
const BUILD_INPUTS = [
  'miniprogram/src',
  'miniprogram/config',
  'miniprogram/babel.config.js',
  'miniprogram/package.json',
  'miniprogram/project.config.json',
  'shared/src',
];

/** The file a finished build writes, for each target. */
const BUILD_MARKERS: Record<BuildTarget, string> = { h5: 'index.html', weapp: 'app.json' };

/** A build takes 15-40 s on two cores; a lock older than this was left by a killed run. */
const STALE_LOCK_MS = 10 * 60 * 1000;

/** Snapshots no run has made for this long are removed when a new one is made. */
const OLD_SNAPSHOT_MS = 6 * 60 * 60 * 1000;

export function outputDir(target: BuildTarget): string {
  return path.join(MINIPROGRAM_DIR, 'dist', target);
}

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;

  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** True when the target's output exists and is newer than every source it is built from. */
export function isBuildFresh(target: BuildTarget): boolean {
  const marker = fs.statSync(path.join(outputDir(target), BUILD_MARKERS[target]), {
    throwIfNoEntry: false,
  });
  if (!marker) return false;

  const newestInput = Math.max(
    ...BUILD_INPUTS.map((input) => newestMtime(path.join(REPO_ROOT, input))),
  );
  return marker.mtimeMs >= newestInput;
}

function runBuild(target: BuildTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    // Jest sets NODE_ENV=test; the Taro CLI would keep it, so ask for production explicitly.
    const child = spawn('npm', ['run', `build:${target}`, '-w', 'miniprogram'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && isBuildFresh(target)) return resolve();
      reject(
        new Error(`taro build --type ${target} failed (exit ${code}):\n${output.slice(-4000)}`),
      );
    });
  });
}

async function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), `memberkit-${name}.lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function listFiles(entry: string): string[] {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [entry];

  return fs.readdirSync(entry).flatMap((name) => listFiles(path.join(entry, name)));
}

/** Names the state of every build input (path, size, mtime): a snapshot per source state. */
function inputFingerprint(): string {
  const hash = crypto.createHash('sha256');
  for (const input of BUILD_INPUTS) {
    for (const file of listFiles(path.join(REPO_ROOT, input)).sort()) {
      const stat = fs.statSync(file);
      hash.update(`${path.relative(REPO_ROOT, file)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Snapshots and run records (a pid is reused one day) older than OLD_SNAPSHOT_MS go. */
function removeOldSnapshots(target: BuildTarget): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const ours = [`memberkit-${target}-build-`, `memberkit-${target}-run-`];
    if (!ours.some((prefix) => name.startsWith(prefix))) continue;
    const snapshot = path.join(os.tmpdir(), name);
    const age = Date.now() - fs.statSync(snapshot).mtimeMs;
    if (age > OLD_SNAPSHOT_MS) fs.rmSync(snapshot, { recursive: true, force: true });
  }
}

function snapshotPath(target: BuildTarget, fingerprint: string): string {
  return path.join(os.tmpdir(), `memberkit-${target}-build-${fingerprint}`);
}

/** Copies the build output to a directory no later build touches, named by the sources. */
function makeSnapshot(target: BuildTarget, snapshot: string): string {
  removeOldSnapshots(target);
  const partial = `${snapshot}.partial-${process.pid}`;
  fs.cpSync(outputDir(target), partial, { recursive: true });
  fs.rmSync(snapshot, { recursive: true, force: true });
  fs.renameSync(partial, snapshot);
  return snapshot;
}

/**
 * The jest run this process belongs to: workers are forked by the jest process (they have an
 * IPC channel), while an in-band run is the jest process itself.
 */
function jestRunId(): number {
  return typeof process.send === 'function' ? process.ppid : process.pid;
}

/** The snapshot this run recorded; a record older than the run is another run's (pid reuse). */
function readRunRecord(runRecord: string): string | undefined {
  const record = fs.statSync(runRecord, { throwIfNoEntry: false });
  // On Linux /proc/<pid> is made no earlier than its process: a record older than that belongs
  // to an earlier process with the same pid. Elsewhere the record is trusted.
  const runStarted = fs.statSync(`/proc/${jestRunId()}`, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (!record || record.mtimeMs < runStarted) return undefined;

  return fs.readFileSync(runRecord, 'utf8');
}

/**
 * The mini-program built for `target`, as a directory to serve or inspect. It is built only when
 * dist/<target> is missing or older than its sources, and once per run: the first test file of
 * a run decides and records its answer, later files (in any worker) reuse it, and a lock makes
 * parallel workers wait for that one build (toolchain.md: about 25 s and 600 MB each). Tests get
 * a snapshot copy of the output, so a build started meanwhile (another run, someone editing the
 * sources) never swaps chunks under a page that is loading them.
 */
export async function ensureMiniprogramBuild(target: BuildTarget): Promise<string> {
  const runRecord = path.join(os.tmpdir(), `memberkit-${target}-run-${jestRunId()}.txt`);

  return withLock(`miniprogram-build-${target}`, async () => {
    const recorded = readRunRecord(runRecord);
    if (recorded && fs.existsSync(path.join(recorded, BUILD_MARKERS[target]))) return recorded;

    let snapshot = snapshotPath(target, inputFingerprint());
    if (!fs.existsSync(path.join(snapshot, BUILD_MARKERS[target]))) {
      if (!isBuildFresh(target)) await runBuild(target);
      snapshot = makeSnapshot(target, snapshot);
    }
    fs.writeFileSync(runRecord, snapshot);
    return snapshot;
  });
}

/** Generous: a cold build on two cores plus the wait for another worker's build. */
export const BUILD_TIMEOUT_MS = 5 * 60 * 1000;
