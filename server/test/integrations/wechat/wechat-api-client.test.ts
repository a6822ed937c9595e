import crypto from 'node:crypto';
import {
  WechatApiClient,
  type WechatApiClientOptions,
} from '../../../src/integrations/wechat/wechat-api-client';
import { startWechatSimulator, type WechatSimulator } from '../../../simulators/wechat-simulator';
import { capturingLogger } from '../../support/test-services';
import { closedPortUrl, fakeClock, rejectionOf, startSilentServer } from '../integration-support';

const APP_ID = 'wx5f3c0a1b2c3d4e5f';
const APP_SECRET = crypto.randomBytes(16).toString('hex');
const PHONE = '13900000001';
const TEMPLATE = 'tmpl-points-expiring';
const MINUTE = 60 * 1000;

describe('WechatApiClient (protocols/wechat-miniprogram.md)', () => {
  let clock: ReturnType<typeof fakeClock>;
  let simulator: WechatSimulator;
  let logs: ReturnType<typeof capturingLogger>;
  let client: WechatApiClient;

  function makeClient(overrides: Partial<WechatApiClientOptions> = {}) {
    return new WechatApiClient({
      baseUrl: simulator.url,
      appId: APP_ID,
      appSecret: APP_SECRET,
      log: logs.log,
      now: clock.now,
      ...overrides,
    });
  }

  beforeEach(async () => {
    clock = fakeClock();
    logs = capturingLogger();
    simulator = await startWechatSimulator({
      appId: APP_ID,
      appSecret: APP_SECRET,
      now: clock.now,
    });
    client = makeClient();
  });

  afterEach(async () => {
    await simulator.stop();
  });

  describe('code2Session (mini-program login)', () => {
    it('exchanges a wx.login code for the openid and the current session key', async () => {
      const code = simulator.issueLoginCode('o-shopper-1');

      const session = await client.code2Session(code);

      expect(session).toEqual({
        openid: 'o-shopper-1',
        sessionKey: simulator.sessionKeyOf('o-shopper-1'),
      });
    });

    it('returns the unionid when the shopper has one', async () => {
      const code = simulator.issueLoginCode('o-shopper-2', { unionid: 'u-shopper-2' });

      expect((await client.code2Session(code)).unionid).toBe('u-shopper-2');
    });

    it('gives a fresh session key on each new login, like WeChat', async () => {
      const first = await client.code2Session(simulator.issueLoginCode('o-shopper-3'));
      const second = await client.code2Session(simulator.issueLoginCode('o-shopper-3'));

      expect(second.sessionKey).not.toBe(first.sessionKey);
      expect(simulator.sessionKeyOf('o-shopper-3')).toBe(second.sessionKey);
    });

    it('refuses a login code used twice with WECHAT_LOGIN_FAILED (errcode 40163)', async () => {
      const code = simulator.issueLoginCode();
      await client.code2Session(code);

      const error = await rejectionOf(client.code2Session(code));

      expect(error.code).toBe('WECHAT_LOGIN_FAILED');
      expect(error.status).toBeLessThan(500);
      expect(error.details).toEqual({ errcode: 40163 });
    });

    it('refuses an unknown code with WECHAT_LOGIN_FAILED (errcode 40029)', async () => {
      const error = await rejectionOf(client.code2Session('made-up-code'));

      expect(error.code).toBe('WECHAT_LOGIN_FAILED');
      expect(error.details).toEqual({ errcode: 40029 });
    });

    it('refuses a code older than 5 minutes with WECHAT_LOGIN_FAILED', async () => {
      const code = simulator.issueLoginCode();
      clock.advance(5 * MINUTE + 1000);

      const error = await rejectionOf(client.code2Session(code));

      expect(error.code).toBe('WECHAT_LOGIN_FAILED');
    });

    it('answers RATE_LIMITED when WeChat says 45011', async () => {
      simulator.failNext('jscode2session', 45011);

      const error = await rejectionOf(client.code2Session(simulator.issueLoginCode()));

      expect(error.code).toBe('RATE_LIMITED');
    });

    it('answers WECHAT_API_FAILED, not a shopper error, for a wrong appsecret (40125)', async () => {
      const wrong = makeClient({ appSecret: 'not-the-secret' });

      const error = await rejectionOf(wrong.code2Session(simulator.issueLoginCode()));

      expect(error.code).toBe('WECHAT_API_FAILED');
      expect(error.status).toBe(502);
      expect(error.details).toMatchObject({ api: 'jscode2session', errcode: 40125 });
    });
  });

  describe('access token (cached, refreshed early, one refresh at a time)', () => {
    async function phoneLookup() {
      return client.getPhoneNumber(simulator.issuePhoneCode(PHONE));
    }

    it('fetches one token for three calls', async () => {
      await phoneLookup();
      await phoneLookup();
      await phoneLookup();

      expect(simulator.tokenRequestCount()).toBe(1);
    });

    it('fetches one token for concurrent calls', async () => {
      const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => client.getAccessToken()));

      expect(new Set(tokens).size).toBe(1);
      expect(simulator.tokenRequestCount()).toBe(1);
    });

    it('refreshes about 5 minutes before expires_in (7200 s)', async () => {
      await phoneLookup();
      clock.advance((7200 - 301) * 1000);
      await phoneLookup();
      expect(simulator.tokenRequestCount()).toBe(1);

      clock.advance(2 * 1000);
      await phoneLookup();
      expect(simulator.tokenRequestCount()).toBe(2);
    });

    it('clears the cache and retries once when WeChat says 40001 (token invalidated)', async () => {
      await phoneLookup();
      simulator.revokeAccessTokens();

      const phone = await phoneLookup();

      expect(phone.purePhoneNumber).toBe(PHONE);
      expect(simulator.tokenRequestCount()).toBe(2);
    });

    it('clears the cache and retries once when WeChat says 42001 (token expired early)', async () => {
      await phoneLookup();
      simulator.expireAccessTokens();

      await phoneLookup();

      expect(simulator.tokenRequestCount()).toBe(2);
    });

    it('gives up with WECHAT_API_FAILED when the fresh token is refused too', async () => {
      await client.getAccessToken();
      simulator.failNext('getuserphonenumber', 40001);
      simulator.failNext('getuserphonenumber', 40001);

      const error = await rejectionOf(phoneLookup());

      expect(error.code).toBe('WECHAT_API_FAILED');
      expect(simulator.tokenRequestCount()).toBe(2);
    });

    it('does not keep a failed refresh: the next call fetches again', async () => {
      simulator.failNext('token', -1);

      const error = await rejectionOf(client.getAccessToken());
      await client.getAccessToken();

      expect(error.code).toBe('WECHAT_API_FAILED');
      expect(error.details).toMatchObject({ api: 'token', errcode: -1 });
      expect(simulator.tokenRequestCount()).toBe(1);
    });
  });

  describe('getPhoneNumber (C-4.2.1.3a phone binding; C-4.1.2a only after the shopper taps)', () => {
    it('returns the number behind the button’s code', async () => {
      const phone = await client.getPhoneNumber(simulator.issuePhoneCode(PHONE));

      expect(phone).toEqual({ phoneNumber: PHONE, purePhoneNumber: PHONE, countryCode: '86' });
    });

    it('refuses a phone code used twice with WECHAT_PHONE_CODE_INVALID', async () => {
      const code = simulator.issuePhoneCode(PHONE);
      await client.getPhoneNumber(code);

      const error = await rejectionOf(client.getPhoneNumber(code));

      expect(error.code).toBe('WECHAT_PHONE_CODE_INVALID');
      expect(error.status).toBeLessThan(500);
    });

    it('refuses a phone code older than 5 minutes with WECHAT_PHONE_CODE_INVALID', async () => {
      const code = simulator.issuePhoneCode(PHONE);
      clock.advance(5 * MINUTE + 1000);

      expect((await rejectionOf(client.getPhoneNumber(code))).code).toBe(
        'WECHAT_PHONE_CODE_INVALID',
      );
    });

    it('refuses a number issued for another mini-program with PHONE_WATERMARK_MISMATCH', async () => {
      const code = simulator.issuePhoneCode(PHONE, { watermarkAppId: 'wx-some-other-app' });

      const error = await rejectionOf(client.getPhoneNumber(code));

      expect(error.code).toBe('PHONE_WATERMARK_MISMATCH');
    });
  });

  describe('sendSubscribeMessage (no allow, no message)', () => {
    const message = (openid: string) => ({
      openid,
      templateId: TEMPLATE,
      page: 'pages/points/index',
      data: { thing1: { value: '积分即将过期' } },
    });

    it('sends one message per allow and WeChat records it', async () => {
      const { openid } = await client.code2Session(simulator.issueLoginCode());
      simulator.allowSubscription(openid, TEMPLATE);

      await client.sendSubscribeMessage(message(openid));

      expect(simulator.sentMessages()).toEqual([message(openid)]);
    });

    it('refuses a second message on one allow with SUBSCRIBE_NOT_ALLOWED (errcode 43101)', async () => {
      const { openid } = await client.code2Session(simulator.issueLoginCode());
      simulator.allowSubscription(openid, TEMPLATE);
      await client.sendSubscribeMessage(message(openid));

      const error = await rejectionOf(client.sendSubscribeMessage(message(openid)));

      expect(error.code).toBe('SUBSCRIBE_NOT_ALLOWED');
      expect(simulator.sentMessages()).toHaveLength(1);
    });
  });

  describe('a WeChat that does not answer', () => {
    it('fails with WECHAT_API_FAILED when nothing listens', async () => {
      const unreachable = makeClient({ baseUrl: await closedPortUrl() });

      const error = await rejectionOf(unreachable.code2Session('any-code'));

      expect(error.code).toBe('WECHAT_API_FAILED');
      expect(error.details).toMatchObject({ api: 'jscode2session', reason: 'network' });
    });

    it('fails with WECHAT_API_FAILED after the timeout', async () => {
      const silent = await startSilentServer();
      try {
        const slow = makeClient({ baseUrl: silent.url, timeoutMs: 150 });

        const error = await rejectionOf(slow.getAccessToken());

        expect(error.code).toBe('WECHAT_API_FAILED');
        expect(error.details).toMatchObject({ api: 'token', reason: 'timeout' });
      } finally {
        await silent.stop();
      }
    });
  });

  describe('logs', () => {
    it('never contain a phone, a code, a session key, an openid, the secret or a token', async () => {
      const loginCode = simulator.issueLoginCode('o-logged-shopper');
      const session = await client.code2Session(loginCode);
      await rejectionOf(client.code2Session(loginCode));
      const phoneCode = simulator.issuePhoneCode(PHONE);
      await client.getPhoneNumber(phoneCode);
      await rejectionOf(client.getPhoneNumber(phoneCode));
      await rejectionOf(
        client.getPhoneNumber(simulator.issuePhoneCode(PHONE, { watermarkAppId: 'wx-x' })),
      );
      simulator.revokeAccessTokens();
      const token = await client.getAccessToken();
      await rejectionOf(makeClient({ appSecret: 'wrong-secret' }).code2Session(loginCode));
      const text = logs.lines.join('\n');

      expect(logs.lines.length).toBeGreaterThan(0);
      const secrets = [PHONE, loginCode, phoneCode, session.sessionKey, session.openid];
      for (const secret of [...secrets, APP_SECRET, 'wrong-secret', token])
        expect(text).not.toContain(secret);
    });
  });
});
