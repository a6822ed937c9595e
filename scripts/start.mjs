// `npm start`: build what is missing or stale (shared, server, both adapters, the H5
// mini-program), then run `memberkit start`, which migrates, seeds the demo mall on first run,
// serves, and in development starts the pos-adapter and parking-adapter beside it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

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

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The root build includes both adapters: `memberkit start` runs their CLIs.
run('npm', ['run', 'build']);

const h5Index = path.join(root, 'miniprogram/dist/h5/index.html');
const h5Built = fs.existsSync(h5Index) ? fs.statSync(h5Index).mtimeMs : 0;
const sources = Math.max(
  newestChange(path.join(root, 'miniprogram/src')),
  newestChange(path.join(root, 'shared/src')),
);
if (h5Built < sources) run('npm', ['run', 'build:h5', '--workspace', 'miniprogram']);

// Asynchronous so a SIGTERM sent to this script (not only Ctrl+C to the terminal's group)
// reaches the server, which stops its adapters before it exits: no orphans.
const server = spawn(
  process.execPath,
  [path.join(root, 'server/dist/bin/memberkit.js'), 'start', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
