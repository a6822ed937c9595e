import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli';

describe('the memberkit CLI when it cannot start', () => {
  it('exits non-zero with CONFIG_INVALID naming the variable', () => {
    const result = runCli(['seed'], { PORT: 'eighty' });

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('CONFIG_INVALID');
    expect(result.stderr).toContain('PORT');
  });

  it('exits non-zero, without hanging, when the database does not answer', () => {
    const started = Date.now();

    const result = runCli(['seed'], {
      DATABASE_URL: 'mysql://root@127.0.0.1:1/nothing',
      MASTER_KEYS_FILE: '/nonexistent/keys.json',
    });
    expect(result.status).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('refuses to start in production without a master key', () => {
    const result = runCli(['seed'], {
      NODE_ENV: 'production',
      DATABASE_URL: 'sqlite::memory:',
      MASTER_KEYS_FILE: '/nonexistent/keys.json',
    });

    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/MASTER_KEY_MISSING|CONFIG_INVALID/);
  });
});

describe('the memberkit CLI revoking what does not exist', () => {
  it.each([
    ['device', 'dev_nope'],
    ['staff', 'st_nope'],
  ])('exits non-zero for an unknown %s', (kind, id) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-revoke-'));
    const result = runCli([kind, 'revoke', id], {
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      DATABASE_URL: `sqlite:${dataDir}/x.sqlite`,
    });

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('no such active');
  });
});
