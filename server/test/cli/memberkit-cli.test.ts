import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../src/container';
import { loadConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/logger';
import { describeEachDatabase } from '../support/test-databases';
import { runCli } from '../support/run-cli';

describeEachDatabase('the memberkit CLI', (database) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-cli-'));
  const keyFile = path.join(dataDir, 'master-keys.json');
  const env = () => ({
    DATABASE_URL: database().url,
    MASTER_KEYS_FILE: keyFile,
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, then seeds the demo mall once', () => {
    const migrated = runCli(['migrate'], env());
    const seeded = runCli(['seed'], env());
    const again = runCli(['seed'], env());

    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toMatch(/core: \d+ applied, vault: \d+ applied/);
    expect(JSON.parse(seeded.stdout)).toEqual({ seeded: true, members: 5 });
    expect(JSON.parse(again.stdout)).toEqual({ seeded: false, members: 5 });
  });

  it('prints a new device id and secret once and stores the secret only encrypted', async () => {
    const added = runCli(['device', 'add', '--name', 'till 7', '--kind', 'pos'], env());

    const credentials = JSON.parse(added.stdout);
    expect(added.status).toBe(0);
    expect(credentials.deviceId).toMatch(/^dev_/);
    expect(credentials.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(added.stderr).toContain('not shown again');
    const listed = runCli(['device', 'list'], env());
    expect(listed.stdout).toContain(credentials.deviceId);
    expect(listed.stdout).not.toContain(credentials.secret);
  });

  it('refuses an unknown device kind with a clear message and no device', () => {
    const refused = runCli(['device', 'add', '--name', 'x', '--kind', 'toaster'], env());

    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('toaster');
  });

  it('rotates keys with --generate: counts per column, no old-version ciphertext left, audit chain still verifies', async () => {
    const rotated = runCli(['rotate-keys', '--generate'], env());

    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toContain('new master key version 2');
    expect(rotated.stdout).toMatch(/member_identity\.name_enc: 5 rewritten/);
    expect(rotated.stdout).toMatch(/devices\.secret_enc: 1 rewritten/);
    const services = await createServices(loadConfig(env()), createLogger('silent'));
    try {
      const left = await services.databases
        .vault('member_identifiers')
        .where('value_enc', 'like', 'ev1.1.%')
        .count({ n: '*' })
        .first();
      expect(Number(left?.n)).toBe(0);
    } finally {
      await services.close();
    }
    expect(runCli(['audit', 'verify'], env()).status).toBe(0);
  });
});
