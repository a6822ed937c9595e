import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config';
import { loadMasterKeys } from '../../src/platform/crypto/master-keys';

describe('loadConfig', () => {
  describe('with no variables', () => {
    it('defaults to development on an embedded SQLite file under ./data', () => {
      const config = loadConfig({});

      expect(config.env).toBe('development');
      expect(config.databaseUrl).toBe(`sqlite:${path.resolve('data/memberkit.sqlite')}`);
      expect(config.vaultDatabaseUrl).toBe(config.databaseUrl);
      expect(Object.isFrozen(config)).toBe(true);
    });
  });

  describe('with a bad variable', () => {
    it.each([
      ['PORT', 'eighty'],
      ['DATABASE_URL', 'postgres://localhost/x'],
      ['NODE_ENV', 'staging'],
      ['LOG_LEVEL', 'loud'],
    ])('refuses %s=%s with CONFIG_INVALID naming the variable, not the value', (name, value) => {
      let caught:
        { code?: string; details?: { variables?: string[] }; message?: string } | undefined;
      try {
        loadConfig({ [name]: value });
      } catch (error) {
        caught = error as typeof caught;
      }

      expect(caught?.code).toBe('CONFIG_INVALID');
      expect(caught?.details?.variables).toEqual([name]);
      expect(caught?.message).not.toContain(value);
    });
  });
});

describe('loadMasterKeys', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-keys-'));

  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('refuses to start in production without a key, with MASTER_KEY_MISSING', () => {
    const file = path.join(directory, 'absent.json');

    expect(() => loadMasterKeys({ env: 'production', masterKeysFile: file })).toThrow(
      expect.objectContaining({ code: 'MASTER_KEY_MISSING' }),
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it('generates a development key on first start, with a warning, and reuses it afterwards', () => {
    const file = path.join(directory, 'dev.json');
    const warnings: string[] = [];
    const log = { warn: (_data: unknown, message: string) => warnings.push(message) } as never;

    const first = loadMasterKeys({ env: 'development', masterKeysFile: file }, log);
    const second = loadMasterKeys({ env: 'development', masterKeysFile: file }, log);
    expect(warnings).toHaveLength(1);
    expect(first.keys.get(1)?.equals(second.keys.get(1) as Buffer)).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('refuses a current version that is not in the key set with KEY_VERSION_MISSING', () => {
    const keys = JSON.stringify({
      current: 3,
      keys: { 1: Buffer.alloc(32, 1).toString('base64') },
    });

    expect(() =>
      loadMasterKeys({ env: 'production', masterKeys: keys, masterKeysFile: '' }),
    ).toThrow(expect.objectContaining({ code: 'KEY_VERSION_MISSING' }));
  });

  it('refuses malformed key material with CONFIG_INVALID', () => {
    expect(() =>
      loadMasterKeys({ env: 'production', masterKeys: 'not json', masterKeysFile: '' }),
    ).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
