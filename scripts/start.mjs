// `npm start`: build what is missing or stale (shared, server, both adapters, the H5
// mini-program), then run `memberkit start`, which migrates, seeds the demo mall on first run,
// serves, and in development starts the pos-adapter and parking-adapter beside it.
//
// Stopping: SIGINT, SIGTERM or SIGHUP to this script is passed to the step running now (a build
// or the server), and this script exits when that child exits, with its status. A SIGTERM to
// npm itself ends npm and its shell without passing it on: this script then notices it was
// orphaned and stops the server the same way (the server stops its adapters first).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const PARENT_POLL_MS = 1000;

/** The child running now: one build step, then the server. */
let current;
let stopSignal;

function stop(signal) {
  if (stopSignal) return;
  stopSignal = signal;
  if (current && current.exitCode === null && current.signalCode === null) current.kill(signal);
  else process.exit(128 + os.constants.signals[signal]);
}
for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, PARENT_POLL_MS).unref();

/** Runs one child to its end; resolves with its exit status (128 + signal number if killed). */
function runChild(command, args) {
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd: root, stdio: 'inherit' });
    current.on('error', (error) => {
      process.stderr.write(`npm start: ${command} did not start: ${error.message}\n`);
      resolve(1);
    });
    current.on('exit', (code, signal) =>
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)),
    );
  });
}

/** A build step: a failure, or a stop asked for while it ran, ends `npm start` here. */
async function run(command, args) {
  const status = await runChild(command, args);
  if (stopSignal) process.exit(128 + os.constants.signals[stopSignal]);
  if (status !== 0) process.exit(status);
}

function newestChange(directory) {
  if (!fs.existsSync(directory)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

// The root build includes both adapters: `memberkit start` runs their CLIs.
await run('npm', ['run', 'build']);

const h5Index = path.join(root, 'miniprogram/dist/h5/index.html');
const h5Built = fs.existsSync(h5Index) ? fs.statSync(h5Index).mtimeMs : 0;
const sources = Math.max(
  newestChange(path.join(root, 'miniprogram/src')),
  newestChange(path.join(root, 'shared/src')),
);
if (h5Built < sources) await run('npm', ['run', 'build:h5', '--workspace', 'miniprogram']);

const status = await runChild(process.execPath, [
  path.join(root, 'server/dist/bin/memberkit.js'),
  'start',
  ...process.argv.slice(2),
]);
process.exit(status);
