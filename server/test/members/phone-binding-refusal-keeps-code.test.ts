import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer, smsCodeFor } from '../support/member-flows';
import { bindPhoneBySms, freshPhone, joinAsMember, startMemberServer } from './member-kit';

describeEachDatabase(
  'a refused phone binding leaves its SMS code usable (C-4.2.1.3a)',
  (database) => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startMemberServer(database().url);
    });

    afterAll(async () => {
      await server.stop();
    });

    function bindWithCode(token: string, phone: string, code: string) {
      return sendJson(
        server.url,
        'POST',
        '/v1/me/phone',
        { method: 'sms', phone, code },
        bearer(token),
      );
    }

    describe('a phone still bound to the shopper’s old account', () => {
      it('is refused with PHONE_ALREADY_REGISTERED; once the old account is gone the same code binds it', async () => {
        const phone = freshPhone('1380');
        const oldAccount = await joinAsMember(server);
        expect((await bindPhoneBySms(server, oldAccount.token, phone)).status).toBe(200);
        const newAccount = await joinAsMember(server);
        const code = await smsCodeFor(server, phone, 'bind');

        const refused = await bindWithCode(newAccount.token, phone, code);
        await send(server.url, 'DELETE', '/v1/me', { headers: bearer(oldAccount.token) });
        const retried = await bindWithCode(newAccount.token, phone, code);

        expect(refused.status).toBe(409);
        expect(refused.body.error.code).toBe('PHONE_ALREADY_REGISTERED');
        expect(retried.status).toBe(200);
      });
    });

    describe('a wrong code for a phone another member holds', () => {
      it('answers SMS_CODE_INVALID, so the refusal tells nothing about the phone', async () => {
        const phone = freshPhone('1380');
        const holder = await joinAsMember(server);
        await bindPhoneBySms(server, holder.token, phone);
        const stranger = await joinAsMember(server);
        const code = await smsCodeFor(server, phone, 'bind');
        const wrong = code === '000000' ? '000001' : '000000';

        const answer = await bindWithCode(stranger.token, phone, wrong);

        expect(answer.body.error.code).toBe('SMS_CODE_INVALID');
      });
    });

    describe('a code that has bound a phone', () => {
      it('is used up: sent again it answers SMS_CODE_USED', async () => {
        const phone = freshPhone('1380');
        const member = await joinAsMember(server);
        const code = await smsCodeFor(server, phone, 'bind');
        expect((await bindWithCode(member.token, phone, code)).status).toBe(200);
        const other = await joinAsMember(server);

        const again = await bindWithCode(other.token, phone, code);

        expect(again.body.error.code).toBe('SMS_CODE_USED');
      });
    });
  },
);
