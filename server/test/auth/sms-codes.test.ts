import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer, smsCodeFor } from '../support/member-flows';
import { freshPhone, getJson, joinAsMember, startMemberServer } from '../members/member-kit';

/** A six-digit code that is certainly not the right one. */
function wrongCode(right: string, offset = 1): string {
  return String((Number(right) + offset) % 1_000_000).padStart(6, '0');
}

describeEachDatabase('SMS verification codes (C-4.2.1.3a)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  function bind(token: string, phone: string, code: string) {
    return sendJson(
      server.url,
      'POST',
      '/v1/me/phone',
      { method: 'sms', phone, code },
      bearer(token),
    );
  }

  async function boundPhone(token: string): Promise<string | null> {
    return (await getJson(server, '/v1/me', token)).body.phone;
  }

  function codeRows(phone: string) {
    return server.services.databases
      .core('sms_codes')
      .where({ phone_index: server.services.cipher.blindIndex('phone', phone) });
  }

  describe('POST /v1/auth/sms/send', () => {
    describe('for a mainland mobile number', () => {
      it('sends a six-digit code valid for five minutes (C-4.2.1.3a)', async () => {
        const phone = freshPhone();

        const sent = await sendJson(server.url, 'POST', '/v1/auth/sms/send', {
          phone,
          purpose: 'bind',
        });

        expect(sent.status).toBe(200);
        expect(sent.body).toEqual({ expiresInSeconds: 300 });
        expect(server.simulators!.sms.lastCodeFor(phone)).toMatch(/^\d{6}$/);
      });

      it('stores the code only as a keyed hash: its digits and the phone appear nowhere in sms_codes (S-5.3a)', async () => {
        const phone = freshPhone();
        const code = await smsCodeFor(server, phone, 'bind');

        const rows = await codeRows(phone).select('*');
        const stored = JSON.stringify(rows);

        expect(rows.length).toBeGreaterThan(0);
        expect(stored).not.toContain(code);
        expect(stored).not.toContain(phone);
        expect(stored).not.toContain(phone.slice(3));
      });
    });

    describe('for a number that is not a mainland mobile (12025550123)', () => {
      it('refuses with PHONE_INVALID and sends nothing', async () => {
        const answer = await sendJson(server.url, 'POST', '/v1/auth/sms/send', {
          phone: '12025550123',
          purpose: 'bind',
        });

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('PHONE_INVALID');
        expect(server.simulators!.sms.sentCount('12025550123')).toBe(0);
      });
    });
  });

  describe('binding a phone with an SMS code', () => {
    describe('that expired', () => {
      it('refuses with SMS_CODE_EXPIRED and binds nothing', async () => {
        const { token } = await joinAsMember(server);
        const phone = freshPhone();
        const code = await smsCodeFor(server, phone, 'bind');
        await codeRows(phone).update({ expires_at: '2020-01-01 00:00:00.000' });

        const answer = await bind(token, phone, code);

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('SMS_CODE_EXPIRED');
        expect(await boundPhone(token)).toBeNull();
      });
    });

    describe('that was already used', () => {
      it('refuses with SMS_CODE_USED', async () => {
        const { token } = await joinAsMember(server);
        const phone = freshPhone();
        const code = await smsCodeFor(server, phone, 'bind');
        expect((await bind(token, phone, code)).status).toBe(200);

        const again = await bind(token, phone, code);

        expect(again.body.error.code).toBe('SMS_CODE_USED');
      });
    });

    describe('sent for another purpose (a login code)', () => {
      it('refuses with SMS_CODE_INVALID', async () => {
        const { token } = await joinAsMember(server);
        const phone = freshPhone();
        const code = await smsCodeFor(server, phone, 'login');

        const answer = await bind(token, phone, code);

        expect(answer.body.error.code).toBe('SMS_CODE_INVALID');
      });
    });

    describe('six wrong codes in a row', () => {
      it('answers SMS_CODE_INVALID five times, then SMS_CODE_LOCKED (C-4.2.1.3a)', async () => {
        const { token } = await joinAsMember(server);
        const phone = freshPhone();
        const right = await smsCodeFor(server, phone, 'bind');

        const codes: string[] = [];
        for (let attempt = 1; attempt <= 6; attempt += 1)
          codes.push((await bind(token, phone, wrongCode(right, attempt))).body.error.code);

        expect(codes).toEqual([
          'SMS_CODE_INVALID',
          'SMS_CODE_INVALID',
          'SMS_CODE_INVALID',
          'SMS_CODE_INVALID',
          'SMS_CODE_INVALID',
          'SMS_CODE_LOCKED',
        ]);
      });

      it('then refuses even the right code and binds nothing', async () => {
        const { token } = await joinAsMember(server);
        const phone = freshPhone();
        const right = await smsCodeFor(server, phone, 'bind');
        for (let attempt = 1; attempt <= 6; attempt += 1)
          await bind(token, phone, wrongCode(right, attempt));

        const answer = await bind(token, phone, right);

        expect(answer.status).toBe(429);
        expect(answer.body.error.code).toBe('SMS_CODE_LOCKED');
        expect(await boundPhone(token)).toBeNull();
      });
    });

    describe('twenty wrong codes sent at once', () => {
      it('checks at most five of them; the rest answer SMS_CODE_LOCKED (C-4.2.1.3a)', async () => {
        const { token } = await joinAsMember(server);
        const phone = freshPhone();
        const right = await smsCodeFor(server, phone, 'bind');

        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, index) => bind(token, phone, wrongCode(right, index + 1))),
        );

        const codes = answers.map((answer) => answer.body.error.code);
        expect(codes.filter((code) => code === 'SMS_CODE_INVALID')).toHaveLength(5);
        expect(codes.filter((code) => code === 'SMS_CODE_LOCKED')).toHaveLength(15);
        expect((await bind(token, phone, right)).body.error.code).toBe('SMS_CODE_LOCKED');
      });
    });

    describe('with a right code after a few wrong ones', () => {
      it('binds the phone', async () => {
        const { token } = await joinAsMember(server);
        const phone = freshPhone();
        const right = await smsCodeFor(server, phone, 'bind');
        for (let attempt = 1; attempt <= 4; attempt += 1)
          await bind(token, phone, wrongCode(right, attempt));

        const answer = await bind(token, phone, right);

        expect(answer.status).toBe(200);
        expect(await boundPhone(token)).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      });
    });
  });

  describe('POST /v1/auth/sms/login', () => {
    describe('for a phone no member has', () => {
      it('returns a sign-up ticket; signing up with it binds that verified phone (C-4.2.1.2)', async () => {
        const phone = freshPhone();
        const code = await smsCodeFor(server, phone, 'login');

        const login = await sendJson(server.url, 'POST', '/v1/auth/sms/login', { phone, code });
        const version = (await getJson(server, '/v1/notices/current')).body.version;
        const joined = await sendJson(server.url, 'POST', '/v1/members', {
          ticket: login.body.signupTicket,
          noticeVersion: version,
          channel: 'website',
          choices: { membership: true },
        });
        const me = await getJson(server, '/v1/me', joined.body.session.token);

        expect(login.body.status).toBe('new');
        expect(login.text).not.toContain(phone);
        expect(joined.status).toBe(201);
        expect(me.body.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      });
    });

    describe('for a member’s phone', () => {
      it('returns a session for that member', async () => {
        const { token } = await joinAsMember(server);
        const phone = freshPhone();
        await bind(token, phone, await smsCodeFor(server, phone, 'bind'));
        const code = await smsCodeFor(server, phone, 'login');

        const login = await sendJson(server.url, 'POST', '/v1/auth/sms/login', { phone, code });

        expect(login.body.status).toBe('member');
        expect((await getJson(server, '/v1/me', login.body.session.token)).status).toBe(200);
      });
    });
  });
});
