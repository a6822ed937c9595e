import { loginWithWechat, obtainLoginCode } from '../../src/platform/wechat-login';
import { installFetch, runAs } from '../support/platform-env';
import { resetWechat, wechat } from '../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../support/taro-double').taroModule);

describe('wechat-login', () => {
  beforeEach(() => resetWechat());

  describe('in WeChat (weapp)', () => {
    beforeEach(() => runAs('weapp'));

    it('logs in with the wx.login code on the weapp channel', async () => {
      wechat.respond = () => ({ statusCode: 200, data: { status: 'new', signupTicket: 't' } });

      const answer = await loginWithWechat();

      expect(answer).toEqual({ status: 'new', signupTicket: 't' });
      expect(wechat.requests).toEqual([
        expect.objectContaining({
          url: 'https://member.example.com/v1/auth/wechat/login',
          method: 'POST',
          data: { code: 'wx-login-code-1', channel: 'weapp' },
        }),
      ]);
    });

    it('answers WECHAT_LOGIN_FAILED when wx.login fails, and calls no server', async () => {
      wechat.loginFails = true;

      await expect(obtainLoginCode()).rejects.toMatchObject({ code: 'WECHAT_LOGIN_FAILED' });
      expect(wechat.requests).toEqual([]);
    });
  });

  describe('in the browser (h5)', () => {
    beforeEach(() => runAs('h5'));

    it('asks the development WeChat simulator for the code instead of wx.login', async () => {
      const calls = installFetch((call) =>
        call.url === '/v1/dev/wechat/login-code'
          ? { status: 200, body: { code: 'sim-code' } }
          : { status: 200, body: { status: 'member', session: { token: 'tk', expiresAt: 'x' } } },
      );

      const answer = await loginWithWechat();

      expect(answer.status).toBe('member');
      expect(wechat.calls).not.toContain('login');
      expect(calls.map((call) => [call.url, call.body])).toEqual([
        ['/v1/dev/wechat/login-code', {}],
        ['/v1/auth/wechat/login', { code: 'sim-code', channel: 'h5' }],
      ]);
    });

    it('says WeChat login is unavailable where no simulator runs (production H5)', async () => {
      installFetch(() => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No' } } }));

      await expect(obtainLoginCode()).rejects.toMatchObject({ code: 'WECHAT_LOGIN_UNAVAILABLE' });
    });
  });
});
