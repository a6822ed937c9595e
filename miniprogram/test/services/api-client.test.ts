import { api } from '../../src/services/api-client';
import { readSessionToken, saveSessionToken } from '../../src/services/session';
import { installFetch, runAs } from '../support/platform-env';
import { resetWechat } from '../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../support/taro-double').taroModule);

const failure = (status: number, code: string) => ({
  status,
  body: { error: { code, message: 'English text from the server', details: {} } },
});

describe('api-client', () => {
  beforeEach(() => {
    resetWechat();
    runAs('h5');
  });

  describe('a member call', () => {
    it('sends the stored session token', async () => {
      saveSessionToken('tk-1');
      const calls = installFetch(() => ({ status: 200, body: { cardNo: '1' } }));

      await api.get('/v1/me');

      expect(calls[0].headers.Authorization).toBe('Bearer tk-1');
    });

    it('fails with SESSION_REQUIRED before calling when no one is logged in', async () => {
      const calls = installFetch(() => ({ status: 200, body: {} }));

      await expect(api.get('/v1/me/consents')).rejects.toMatchObject({ code: 'SESSION_REQUIRED' });
      expect(calls).toEqual([]);
    });

    it('forgets the session when the server says it ended', async () => {
      saveSessionToken('tk-old');
      installFetch(() => failure(401, 'SESSION_INVALID'));

      await expect(api.get('/v1/me')).rejects.toMatchObject({ code: 'SESSION_INVALID' });
      expect(readSessionToken()).toBeUndefined();
    });
  });

  describe('sign-up (/v1/members)', () => {
    it('is not a member call: it needs no session', async () => {
      const calls = installFetch(() => ({ status: 201, body: { memberId: 'm' } }));

      await api.post('/v1/members', { ticket: 't' });

      expect(calls[0].headers.Authorization).toBeUndefined();
      expect(calls[0].headers['Content-Type']).toBe('application/json');
    });
  });

  describe('errors', () => {
    it('shows shoppers Chinese text for the code, never the server English', async () => {
      installFetch(() => failure(400, 'SMS_CODE_INVALID'));

      const error = await api.post('/v1/auth/sms/login', {}).catch((thrown: unknown) => thrown);

      expect(error).toMatchObject({ code: 'SMS_CODE_INVALID', status: 400 });
      expect((error as Error).message).toBe('验证码不正确');
      expect((error as Error).message).not.toMatch(/[A-Za-z]/);
    });

    it('falls back to a Chinese message by status for a code it does not know', async () => {
      installFetch(() => failure(409, 'SOMETHING_NEW'));

      await expect(api.post('/v1/x', {})).rejects.toMatchObject({
        code: 'SOMETHING_NEW',
        message: '操作冲突，请刷新后重试',
      });
    });

    it('reports a network failure as NETWORK_ERROR', async () => {
      installFetch(() => 'network-error');

      await expect(api.get('/v1/notices/current')).rejects.toMatchObject({
        code: 'NETWORK_ERROR',
        message: '网络连接失败，请检查网络后重试',
      });
    });

    it('reports a non-JSON failure as BAD_ANSWER', async () => {
      installFetch(() => ({ status: 502 }));

      await expect(api.get('/v1/notices/current')).rejects.toMatchObject({ code: 'BAD_ANSWER' });
    });
  });
});
