import { beginSignup } from '../../src/pages/signup/signup-flow';
import { readSessionToken } from '../../src/services/session';
import { keepPendingTicket } from '../../src/services/signup-ticket-store';
import { installFetch, runAs } from '../support/platform-env';
import { resetWechat, wechat } from '../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../support/taro-double').taroModule);

const newShopper = () => ({ statusCode: 200, data: { status: 'new', signupTicket: 'ticket-1' } });

describe('beginSignup', () => {
  beforeEach(() => {
    resetWechat();
    runAs('weapp');
  });

  describe('when WeChat asks for the privacy agreement (field-cases.md)', () => {
    beforeEach(() => {
      wechat.needPrivacyAuthorization = true;
      wechat.respond = newShopper;
    });

    it('stores nothing and offers the SMS path when the shopper refuses', async () => {
      const start = await beginSignup(async () => 'refused');

      expect(start).toEqual({ kind: 'sms', reason: 'privacy-refused' });
      expect(wechat.calls).not.toContain('login');
      expect(wechat.requests).toEqual([]);
      expect(wechat.storage.size).toBe(0);
    });

    it('logs in with WeChat once the shopper agrees, and gets a sign-up ticket', async () => {
      const start = await beginSignup(async () => 'agreed');

      expect(start).toEqual({ kind: 'ticket', ticket: 'ticket-1', phoneVerified: false });
      expect(wechat.requests.map((request) => request.url)).toEqual([
        'https://member.example.com/v1/auth/wechat/login',
      ]);
    });
  });

  describe('when no agreement is needed', () => {
    it('does not ask, and a returning member is logged in', async () => {
      wechat.respond = () => ({
        statusCode: 200,
        data: { status: 'member', session: { token: 'tk-9', expiresAt: 'x' } },
      });
      const ask = jest.fn();

      await expect(beginSignup(ask)).resolves.toEqual({ kind: 'member' });
      expect(ask).not.toHaveBeenCalled();
      expect(readSessionToken()).toBe('tk-9');
    });
  });

  describe('with a ticket from an SMS login', () => {
    it('uses it, with the phone already verified, without WeChat', async () => {
      keepPendingTicket({ ticket: 'sms-ticket', phoneVerified: true });

      await expect(beginSignup(jest.fn())).resolves.toEqual({
        kind: 'ticket',
        ticket: 'sms-ticket',
        phoneVerified: true,
      });
      expect(wechat.calls).toEqual([]);
    });
  });

  describe('in a browser without the WeChat simulator', () => {
    it('offers the SMS path', async () => {
      runAs('h5');
      installFetch(() => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'x' } } }));

      await expect(beginSignup(jest.fn())).resolves.toEqual({
        kind: 'sms',
        reason: 'wechat-unavailable',
      });
    });
  });
});
