import crypto from 'node:crypto';
import {
  decryptLegacyPhoneData,
  encryptLegacyPhoneData,
} from '../../../src/integrations/wechat/legacy-phone-data';
import { WechatApiClient } from '../../../src/integrations/wechat/wechat-api-client';
import { startWechatSimulator } from '../../../simulators/wechat-simulator';
import { rejectionOf } from '../integration-support';

const APP_ID = 'wx5f3c0a1b2c3d4e5f';
const PHONE = '13900000001';

function randomSessionKey(): string {
  return crypto.randomBytes(16).toString('base64');
}

function decryptError(input: Parameters<typeof decryptLegacyPhoneData>[0]) {
  return rejectionOf(Promise.resolve().then(() => decryptLegacyPhoneData(input)));
}

/** Encrypt until the base64 holds a '+': the character form decoding turns into a space. */
function encryptedWithPlus(sessionKey: string) {
  for (;;) {
    const sealed = encryptLegacyPhoneData({ sessionKey, appId: APP_ID, phoneNumber: PHONE });
    if (sealed.encryptedData.includes('+')) return sealed;
  }
}

describe('legacy phone data (encryptedData + iv, protocols/wechat-miniprogram.md)', () => {
  describe('C-4.2.1.3a phone binding through the legacy button', () => {
    it('decrypts what WeChat encrypted under the session key', () => {
      const sessionKey = randomSessionKey();
      const sealed = encryptLegacyPhoneData({ sessionKey, appId: APP_ID, phoneNumber: PHONE });

      const phone = decryptLegacyPhoneData({ sessionKey, ...sealed, expectedAppId: APP_ID });

      expect(phone).toEqual({ phoneNumber: PHONE, purePhoneNumber: PHONE, countryCode: '86' });
    });
  });

  describe("encryptedData holding '+' (field-cases.md, WeChat specifics)", () => {
    it('round trips byte for byte through a JSON body and still decrypts', () => {
      const sessionKey = randomSessionKey();
      const sealed = encryptedWithPlus(sessionKey);

      const received = JSON.parse(JSON.stringify(sealed)) as typeof sealed;

      expect(received.encryptedData).toBe(sealed.encryptedData);
      expect(received.iv).toBe(sealed.iv);
      const phone = decryptLegacyPhoneData({ sessionKey, ...received, expectedAppId: APP_ID });
      expect(phone.purePhoneNumber).toBe(PHONE);
    });

    it('fails with WECHAT_DECRYPT_FAILED when a raw form body turned the + into a space', async () => {
      const sessionKey = randomSessionKey();
      const sealed = encryptedWithPlus(sessionKey);
      const form = new URLSearchParams(`encryptedData=${sealed.encryptedData}&iv=${sealed.iv}`);

      const error = await decryptError({
        sessionKey,
        encryptedData: form.get('encryptedData') as string,
        iv: form.get('iv') as string,
        expectedAppId: APP_ID,
      });

      expect(error.code).toBe('WECHAT_DECRYPT_FAILED');
    });
  });

  describe('a session key that does not match', () => {
    it('fails with WECHAT_DECRYPT_FAILED, retryable, for a wrong session key', async () => {
      const sealed = encryptLegacyPhoneData({
        sessionKey: randomSessionKey(),
        appId: APP_ID,
        phoneNumber: PHONE,
      });

      const error = await decryptError({
        sessionKey: randomSessionKey(),
        ...sealed,
        expectedAppId: APP_ID,
      });

      expect(error.code).toBe('WECHAT_DECRYPT_FAILED');
      expect(error.status).toBeLessThan(500);
      expect(error.details).toEqual({ retryable: true });
    });

    it('never returns garbage: 200 wrong keys all fail with WECHAT_DECRYPT_FAILED', async () => {
      const sealed = encryptLegacyPhoneData({
        sessionKey: randomSessionKey(),
        appId: APP_ID,
        phoneNumber: PHONE,
      });

      const codes = new Set<string | undefined>();
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const input = { sessionKey: randomSessionKey(), ...sealed, expectedAppId: APP_ID };
        codes.add((await decryptError(input)).code);
      }

      expect([...codes]).toEqual(['WECHAT_DECRYPT_FAILED']);
    });

    it.each([
      ['a session key that is not 16 bytes', { sessionKey: 'c2hvcnQ=' }],
      ['an iv that is not 16 bytes', { iv: 'c2hvcnQ=' }],
      ['encryptedData that is not base64', { encryptedData: 'not base64!' }],
    ])('fails with WECHAT_DECRYPT_FAILED for %s', async (_situation, damage) => {
      const sessionKey = randomSessionKey();
      const sealed = encryptLegacyPhoneData({ sessionKey, appId: APP_ID, phoneNumber: PHONE });

      const error = await decryptError({
        sessionKey,
        ...sealed,
        expectedAppId: APP_ID,
        ...damage,
      });

      expect(error.code).toBe('WECHAT_DECRYPT_FAILED');
    });

    it('fails with WECHAT_DECRYPT_FAILED when a wx.login after the tap replaced the key', async () => {
      const simulator = await startWechatSimulator({ appId: APP_ID, appSecret: 's' });
      try {
        const client = new WechatApiClient({
          baseUrl: simulator.url,
          appId: APP_ID,
          appSecret: 's',
        });
        const { openid } = await client.code2Session(simulator.issueLoginCode());
        const tapped = simulator.legacyPhoneData(openid, PHONE);

        const relogin = await client.code2Session(simulator.issueLoginCode(openid));
        const error = await decryptError({
          sessionKey: relogin.sessionKey,
          ...tapped,
          expectedAppId: APP_ID,
        });

        expect(error.code).toBe('WECHAT_DECRYPT_FAILED');
      } finally {
        await simulator.stop();
      }
    });
  });

  describe('the watermark', () => {
    it('refuses data made for another mini-program with PHONE_WATERMARK_MISMATCH', async () => {
      const simulator = await startWechatSimulator({ appId: APP_ID, appSecret: 's' });
      try {
        const client = new WechatApiClient({
          baseUrl: simulator.url,
          appId: APP_ID,
          appSecret: 's',
        });
        const { openid, sessionKey } = await client.code2Session(simulator.issueLoginCode());
        const foreign = simulator.legacyPhoneData(openid, PHONE, { watermarkAppId: 'wx-other' });

        const error = await decryptError({ sessionKey, ...foreign, expectedAppId: APP_ID });

        expect(error.code).toBe('PHONE_WATERMARK_MISMATCH');
      } finally {
        await simulator.stop();
      }
    });
  });
});
