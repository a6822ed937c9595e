import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAppError } from '@memberkit/shared';
import { checkDeviceName } from '../../src/devices/device-service';
import { runCli } from '../support/run-cli';

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
}

describe('device names (S-22239: devices are identified to staff by name)', () => {
  describe('checking a name', () => {
    it('keeps a name of 1 to 64 characters, trimmed, counting CJK as one each', () => {
      expect(checkDeviceName('  till 3 ')).toBe('till 3');
      expect(checkDeviceName('停'.repeat(64))).toBe('停'.repeat(64));
    });

    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['65 characters', 'x'.repeat(65)],
      ['a newline', 'till 3\nadmin'],
      ['an escape sequence', 'till \u001b[31m3'],
      ['a right-to-left override', 'till \u202E3'],
    ])('refuses %s with DEVICE_NAME_INVALID', (_label, name) => {
      expect(codeOf(() => checkDeviceName(name))).toBe('DEVICE_NAME_INVALID');
    });
  });

  describe('memberkit device add', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-device-names-'));
    const env = {
      DATABASE_URL: `sqlite:${dataDir}/devices.sqlite`,
      MASTER_KEYS_FILE: path.join(dataDir, 'master-keys.json'),
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
    };

    afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('refuses an unbounded name with DEVICE_NAME_INVALID and registers nothing', () => {
      const kept = runCli(['device', 'add', '--name', 'gate adapter 1', '--kind', 'parking'], env);
      const tooLong = runCli(['device', 'add', '--name', 'x'.repeat(5000), '--kind', 'pos'], env);
      const controlled = runCli(['device', 'add', '--name', 'till\u00073', '--kind', 'pos'], env);

      expect(kept.status).toBe(0);
      for (const refused of [tooLong, controlled]) {
        expect(refused.status).not.toBe(0);
        expect(refused.stderr).toContain('DEVICE_NAME_INVALID');
        expect(refused.stdout).not.toContain('secret');
      }
      const listed = JSON.parse(runCli(['device', 'list'], env).stdout) as unknown[];
      expect(listed).toEqual([expect.objectContaining({ name: 'gate adapter 1' })]);
    });
  });
});
