import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformFileSync } from '@swc/core';

const WATCH_SOURCE = path.resolve(__dirname, '../../server/src/demo/parent-watch.ts');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/**
 * issue #8: `kill -TERM <npm start pid>` ends npm and its shell without passing the signal on;
 * the server (and, through it, its adapters) must stop rather than run on orphaned. The real
 * parent-watch module, compiled as jest compiles it, runs in a child of a shell that is killed.
 */
describe('the server start command when its parent dies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-parent-watch-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops within a few seconds of its parent being killed, and not before', async () => {
    const compiled = transformFileSync(WATCH_SOURCE, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    fs.writeFileSync(path.join(dir, 'parent-watch.js'), compiled.code);
    const stoppedFile = path.join(dir, 'stopped');
    fs.writeFileSync(
      path.join(dir, 'server.js'),
      [
        "const fs = require('node:fs');",
        "const { watchParent } = require('./parent-watch.js');",
        `watchParent(() => { fs.writeFileSync(${JSON.stringify(stoppedFile)}, 'stopped'); process.exit(0); }, 100);`,
        'setInterval(() => {}, 1000);',
        '',
      ].join('\n'),
    );
    // The shell stays the parent (`& wait`), as npm's shell is of `node scripts/start.mjs`.
    const shell = spawn('sh', ['-c', `${process.execPath} server.js & echo $!; wait`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve) =>
      shell.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(isRunning(pid)).toBe(true);

      shell.kill('SIGKILL');

      expect(await waitFor(() => fs.existsSync(stoppedFile), 5000)).toBe(true);
      expect(await waitFor(() => !isRunning(pid), 5000)).toBe(true);
    } finally {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
