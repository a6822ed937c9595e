import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import {
  countAllRows,
  freshPhone,
  getJson,
  joinAsMember,
  startMemberServer,
  wechatLogin,
} from './member-kit';

const FOREIGN_APP_ID = 'wxsomeoneelse000001';

describeEachDatabase(
  'phone binding through the WeChat phone-number button (C-4.2.1.3a)',
  (database) => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startMemberServer(database().url);
    });

    afterAll(async () => {
      await server.stop();
    });

    function bind(token: string, body: Record<string, unknown>) {
      return sendJson(server.url, 'POST', '/v1/me/phone', body, bearer(token));
    }

    async function phoneOf(token: string): Promise<string | null> {
      return (await getJson(server, '/v1/me', token)).body.phone;
    }

    const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

    describe('the code flow (getuserphonenumber)', () => {
      describe('with a fresh phone-number code', () => {
        it('binds the phone WeChat vouches for', async () => {
          const { token } = await joinAsMember(server);
          const phone = freshPhone('1380');

          const answer = await bind(token, {
            method: 'wechat',
            code: server.simulators!.wechat.issuePhoneCode(phone),
          });

          expect(answer.status).toBe(200);
          expect(answer.body).toEqual({ phone: masked(phone) });
          expect(await phoneOf(token)).toBe(masked(phone));
        });
      });

      describe('with a phone-number code that was already used', () => {
        it('refuses with WECHAT_PHONE_CODE_INVALID and stores nothing', async () => {
          const first = await joinAsMember(server);
          const code = server.simulators!.wechat.issuePhoneCode(freshPhone('1380'));
          await bind(first.token, { method: 'wechat', code });
          const second = await joinAsMember(server);
          const before = await countAllRows(server);

          const answer = await bind(second.token, { method: 'wechat', code });

          expect(answer.status).toBe(400);
          expect(answer.body.error.code).toBe('WECHAT_PHONE_CODE_INVALID');
          expect(await countAllRows(server)).toEqual(before);
        });
      });

      describe('with a number issued for another mini-program (watermark appid)', () => {
        it('refuses with PHONE_WATERMARK_MISMATCH and stores nothing', async () => {
          const { token } = await joinAsMember(server);
          const code = server.simulators!.wechat.issuePhoneCode(freshPhone('1380'), {
            watermarkAppId: FOREIGN_APP_ID,
          });
          const before = await countAllRows(server);

          const answer = await bind(token, { method: 'wechat', code });

          expect(answer.body.error.code).toBe('PHONE_WATERMARK_MISMATCH');
          expect(await countAllRows(server)).toEqual(before);
        });
      });
    });

    describe('the legacy flow (encryptedData + iv)', () => {
      describe('with data made under the session key of this login', () => {
        it('binds the phone', async () => {
          const { token, openid } = await joinAsMember(server);
          const phone = freshPhone('1370');

          const data = server.simulators!.wechat.legacyPhoneData(openid, phone);
          const answer = await bind(token, { method: 'wechat-legacy', ...data });

          expect(answer.status).toBe(200);
          expect(await phoneOf(token)).toBe(masked(phone));
        });
      });

      describe("with encryptedData and iv that contain '+'", () => {
        it('arrives byte for byte through JSON and binds (field case)', async () => {
          const { token, openid } = await joinAsMember(server);
          const phone = freshPhone('1370');
          let data = server.simulators!.wechat.legacyPhoneData(openid, phone);
          while (!data.encryptedData.includes('+') || !data.iv.includes('+'))
            data = server.simulators!.wechat.legacyPhoneData(openid, phone);

          const answer = await send(server.url, 'POST', '/v1/me/phone', {
            body: JSON.stringify({ method: 'wechat-legacy', ...data }),
            headers: { 'Content-Type': 'application/json', ...bearer(token) },
          });

          expect(answer.status).toBe(200);
          expect(await phoneOf(token)).toBe(masked(phone));
        });
      });

      describe('with data issued for another mini-program (watermark appid)', () => {
        it('refuses with PHONE_WATERMARK_MISMATCH and stores nothing', async () => {
          const { token, openid } = await joinAsMember(server);
          const data = server.simulators!.wechat.legacyPhoneData(openid, freshPhone('1370'), {
            watermarkAppId: FOREIGN_APP_ID,
          });
          const before = await countAllRows(server);

          const answer = await bind(token, { method: 'wechat-legacy', ...data });

          expect(answer.body.error.code).toBe('PHONE_WATERMARK_MISMATCH');
          expect(await countAllRows(server)).toEqual(before);
        });
      });

      describe('after a wx.login replaced the session key', () => {
        it('refuses with the retryable WECHAT_DECRYPT_FAILED and stores nothing', async () => {
          const { token, openid } = await joinAsMember(server);
          await wechatLogin(server, openid);
          const data = server.simulators!.wechat.legacyPhoneData(openid, freshPhone('1370'));
          const before = await countAllRows(server);

          const answer = await bind(token, { method: 'wechat-legacy', ...data });

          expect(answer.body.error).toMatchObject({
            code: 'WECHAT_DECRYPT_FAILED',
            details: { retryable: true },
          });
          expect(await countAllRows(server)).toEqual(before);
        });
      });

      describe('with a session that has no WeChat session key (website login)', () => {
        it('refuses with WECHAT_DECRYPT_FAILED', async () => {
          const { memberId, openid } = await joinAsMember(server);
          const website = await server.services.sessions.issue(memberId, 'website');
          const data = server.simulators!.wechat.legacyPhoneData(openid, freshPhone('1370'));

          const answer = await bind(website.token, { method: 'wechat-legacy', ...data });

          expect(answer.body.error.code).toBe('WECHAT_DECRYPT_FAILED');
        });
      });
    });

    describe('a phone already bound to another member, through the code flow', () => {
      it('refuses with PHONE_ALREADY_REGISTERED', async () => {
        const phone = freshPhone('1380');
        const first = await joinAsMember(server);
        await bind(first.token, {
          method: 'wechat',
          code: server.simulators!.wechat.issuePhoneCode(phone),
        });
        const second = await joinAsMember(server);

        const answer = await bind(second.token, {
          method: 'wechat',
          code: server.simulators!.wechat.issuePhoneCode(phone),
        });

        expect(answer.body.error.code).toBe('PHONE_ALREADY_REGISTERED');
        expect(await phoneOf(second.token)).toBeNull();
      });
    });
  },
);
