import { startWechatSimulator, type WechatSimulator } from '../../simulators/wechat-simulator';
import { sendJson, send } from '../support/http-client';
import { fakeClock } from '../integrations/integration-support';

const APP_ID = 'wx5f3c0a1b2c3d4e5f';
const APP_SECRET = 'simulator-secret';
const MINUTE = 60 * 1000;

/** Raw requests in WeChat's wire format, so the simulator's checks are tested on their own. */
describe('WeChat simulator (protocols/wechat-miniprogram.md)', () => {
  let clock: ReturnType<typeof fakeClock>;
  let simulator: WechatSimulator;

  function query(values: Record<string, string>): string {
    return new URLSearchParams(values).toString();
  }

  async function fetchToken(overrides: Record<string, string> = {}) {
    const values = { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET };
    return (
      await send(simulator.url, 'GET', `/cgi-bin/token?${query({ ...values, ...overrides })}`)
    ).body;
  }

  async function exchange(jsCode: string, overrides: Record<string, string> = {}) {
    const values = {
      appid: APP_ID,
      secret: APP_SECRET,
      js_code: jsCode,
      grant_type: 'authorization_code',
      ...overrides,
    };
    return (await send(simulator.url, 'GET', `/sns/jscode2session?${query(values)}`)).body;
  }

  async function phoneNumber(token: string | undefined, code: string) {
    const path = `/wxa/business/getuserphonenumber${token ? `?access_token=${token}` : ''}`;
    return (await sendJson(simulator.url, 'POST', path, { code })).body;
  }

  beforeEach(async () => {
    clock = fakeClock();
    simulator = await startWechatSimulator({
      appId: APP_ID,
      appSecret: APP_SECRET,
      now: clock.now,
    });
  });

  afterEach(async () => {
    await simulator.stop();
  });

  describe('app credentials', () => {
    it.each([
      ['appid', 'wx-wrong', 40013],
      ['secret', 'wrong', 40125],
    ])('answers a wrong %s with errcode %p', async (name, value, errcode) => {
      expect((await fetchToken({ [name]: value })).errcode).toBe(errcode);
      expect((await exchange(simulator.issueLoginCode(), { [name]: value })).errcode).toBe(errcode);
    });

    it('issues a token with expires_in 7200 and counts the request', async () => {
      const answer = await fetchToken();

      expect(answer).toEqual({ access_token: expect.any(String), expires_in: 7200 });
      expect(simulator.tokenRequestCount()).toBe(1);
    });
  });

  describe('login codes', () => {
    it('answers a second exchange of one code with 40163 (code been used)', async () => {
      const code = simulator.issueLoginCode('o-1');

      const first = await exchange(code);
      const second = await exchange(code);

      expect(first).toEqual({ openid: 'o-1', session_key: simulator.sessionKeyOf('o-1') });
      expect(second.errcode).toBe(40163);
    });

    it('answers an unknown or expired code with 40029', async () => {
      const code = simulator.issueLoginCode();
      clock.advance(5 * MINUTE + 1);

      expect((await exchange(code)).errcode).toBe(40029);
      expect((await exchange('never-issued')).errcode).toBe(40029);
    });

    it('answers the wrong HTTP method with 43001, as WeChat does', async () => {
      const answer = await send(simulator.url, 'POST', '/sns/jscode2session');

      expect(answer.status).toBe(200);
      expect(answer.body.errcode).toBe(43001);
    });
  });

  describe('access tokens, checked on every call', () => {
    it('answers a missing token with 41001 and an unknown one with 40001', async () => {
      const code = simulator.issuePhoneCode('13900000001');

      expect((await phoneNumber(undefined, code)).errcode).toBe(41001);
      expect((await phoneNumber('made-up', code)).errcode).toBe(40001);
    });

    it('answers a token past its 7200 s with 42001', async () => {
      const { access_token: token } = await fetchToken();
      clock.advance(7201 * 1000);

      expect((await phoneNumber(token, simulator.issuePhoneCode('13900000001'))).errcode).toBe(
        42001,
      );
    });

    it('ends the previous token 5 minutes after a new one is fetched (40001, not latest)', async () => {
      const { access_token: old } = await fetchToken();
      await fetchToken();

      clock.advance(4 * MINUTE);
      expect((await phoneNumber(old, simulator.issuePhoneCode('13900000001'))).errcode).toBe(0);
      clock.advance(2 * MINUTE);
      expect((await phoneNumber(old, simulator.issuePhoneCode('13900000001'))).errcode).toBe(40001);
    });
  });

  describe('phone codes', () => {
    it('returns phone_info with the watermark, then answers a reuse with 40029', async () => {
      const { access_token: token } = await fetchToken();
      const code = simulator.issuePhoneCode('13900000001');

      const first = await phoneNumber(token, code);
      const second = await phoneNumber(token, code);

      expect(first.phone_info).toEqual({
        phoneNumber: '13900000001',
        purePhoneNumber: '13900000001',
        countryCode: '86',
        watermark: { appid: APP_ID, timestamp: Math.floor(clock.now() / 1000) },
      });
      expect(second.errcode).toBe(40029);
    });
  });

  describe('control endpoints for dev mode', () => {
    it('hands out login and phone codes that the real endpoints accept', async () => {
      const login = (
        await sendJson(simulator.url, 'POST', '/__sim/login-code', { openid: 'o-dev' })
      ).body;
      const phone = (
        await sendJson(simulator.url, 'POST', '/__sim/phone-code', { phone: '13900000009' })
      ).body;
      const { access_token: token } = await fetchToken();

      expect((await exchange(login.code)).openid).toBe('o-dev');
      expect((await phoneNumber(token, phone.code)).phone_info.purePhoneNumber).toBe('13900000009');
    });

    it('refuses a phone code request without a phone with HTTP 400', async () => {
      const answer = await sendJson(simulator.url, 'POST', '/__sim/phone-code', {});

      expect(answer.status).toBe(400);
    });

    it('records subscription messages and lists them on GET /__sim/messages', async () => {
      const login = (await sendJson(simulator.url, 'POST', '/__sim/login-code', {})).body;
      await sendJson(simulator.url, 'POST', '/__sim/subscription', {
        openid: login.openid,
        templateId: 't-1',
      });
      const { access_token: token } = await fetchToken();
      const message = {
        touser: login.openid,
        template_id: 't-1',
        data: { thing1: { value: 'x' } },
      };

      const sent = await sendJson(
        simulator.url,
        'POST',
        `/cgi-bin/message/subscribe/send?access_token=${token}`,
        message,
      );
      const again = await sendJson(
        simulator.url,
        'POST',
        `/cgi-bin/message/subscribe/send?access_token=${token}`,
        message,
      );
      const listed = await send(simulator.url, 'GET', '/__sim/messages');

      expect(sent.body.errcode).toBe(0);
      expect(again.body.errcode).toBe(43101);
      expect(listed.body.messages).toEqual([
        { openid: login.openid, templateId: 't-1', data: { thing1: { value: 'x' } } },
      ]);
    });
  });
});
