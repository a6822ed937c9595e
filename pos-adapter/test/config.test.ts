import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AdapterConfigError, loadAdapterConfig, parseAdapterConfig } from '../src/config';

const SECRET = 'a-device-secret-of-enough-length';
const BASE = { serverUrl: 'http://127.0.0.1:3000', deviceId: 'dev_1', deviceSecret: SECRET };

function settingsNamedBy(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof AdapterConfigError) return error.settings;
    throw error;
  }
  return [];
}

describe('pos-adapter config (issue #6)', () => {
  let folder: string;
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-config-'));
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  describe('with good settings', () => {
    it('fills the defaults: port 8091, 60 s budget, the default code table', () => {
      const config = parseAdapterConfig(BASE);

      expect(config).toMatchObject({ port: 8091, checkoutBudgetMs: 60_000, deviceSecret: SECRET });
      expect(config.paymentCodeTable.length).toBeGreaterThan(0);
      expect(Object.isFrozen(config)).toBe(true);
    });

    it('reads the device secret from its file, and POS_* variables override the file', () => {
      const secretFile = path.join(folder, 'secret.txt');
      fs.writeFileSync(secretFile, `${SECRET}\n`);
      const file = path.join(folder, 'adapter.json');
      fs.writeFileSync(
        file,
        JSON.stringify({ ...BASE, deviceSecret: undefined, deviceSecretFile: secretFile }),
      );

      const config = loadAdapterConfig(file, { POS_PORT: '9123', POS_STORE_ID: 'store-7' });

      expect(config).toMatchObject({ deviceSecret: SECRET, port: 9123, storeId: 'store-7' });
    });

    it('accepts the example file once its secret file exists', () => {
      const example = JSON.parse(
        fs.readFileSync(path.join(__dirname, '../adapter.example.json'), 'utf8'),
      );
      const secretFile = path.join(folder, 'example-secret.txt');
      fs.writeFileSync(secretFile, SECRET);

      expect(parseAdapterConfig({ ...example, deviceSecretFile: secretFile }).port).toBe(8091);
    });
  });

  describe('with bad settings', () => {
    it('names each bad setting, never its value', () => {
      const settings = settingsNamedBy(() =>
        parseAdapterConfig({
          ...BASE,
          serverUrl: 'not a url',
          port: 70_000,
          deviceSecret: 'short',
        }),
      );

      expect(settings.sort()).toEqual(['deviceSecret', 'port', 'serverUrl']);
    });

    it('refuses both a secret and a secret file, and neither', () => {
      expect(
        settingsNamedBy(() => parseAdapterConfig({ ...BASE, deviceSecretFile: '/x' })),
      ).toEqual(['deviceSecret']);
      expect(
        settingsNamedBy(() => parseAdapterConfig({ ...BASE, deviceSecret: undefined })),
      ).toEqual(['deviceSecret']);
    });

    it('refuses an unknown setting (a typo must not pass silently)', () => {
      expect(settingsNamedBy(() => parseAdapterConfig({ ...BASE, prot: 8091 }))).toEqual([
        'prot (unknown)',
      ]);
    });

    it('refuses a malformed code table', () => {
      const table = [{ kind: 'wechat', lengths: [], prefixes: ['10'] }];
      expect(
        settingsNamedBy(() => parseAdapterConfig({ ...BASE, paymentCodeTable: table })),
      ).toEqual(['paymentCodeTable.0.lengths']);
    });

    it('says which file cannot be read or parsed', () => {
      const broken = path.join(folder, 'broken.json');
      fs.writeFileSync(broken, '{ not json');

      expect(settingsNamedBy(() => loadAdapterConfig(broken, {}))).toEqual([
        '--config (not a JSON object)',
      ]);
      expect(
        settingsNamedBy(() => loadAdapterConfig(path.join(folder, 'missing.json'), {})),
      ).toEqual(['--config (file cannot be read)']);
      expect(
        settingsNamedBy(() =>
          parseAdapterConfig({
            ...BASE,
            deviceSecret: undefined,
            deviceSecretFile: path.join(folder, 'none'),
          }),
        ),
      ).toEqual(['deviceSecretFile (cannot be read)']);
    });
  });
});
