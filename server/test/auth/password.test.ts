import argon2 from 'argon2';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer, smsCodeFor } from '../support/member-flows';
import {
  bindPhoneBySms,
  freshPhone,
  getJson,
  joinAsMember,
  startMemberServer,
} from '../members/member-kit';

const PASSWORD = 'Shop2024pass';
const NEW_PASSWORD = 'Mall2025pass';

describeEachDatabase('website password (C-4.2.1.2, C-4.2.1.3b)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  function setPassword(token: string, body: Record<string, unknown>) {
    return sendJson(server.url, 'PUT', '/v1/me/password', body, bearer(token));
  }

  function removePassword(token: string, body: Record<string, unknown>) {
    return sendJson(server.url, 'POST', '/v1/me/password/remove', body, bearer(token));
  }

  function login(phone: string, password: string) {
    return sendJson(server.url, 'POST', '/v1/auth/password/login', { phone, password });
  }

  async function memberWithPassword() {
    const phone = freshPhone();
    const member = await joinAsMember(server);
    await bindPhoneBySms(server, member.token, phone);
    expect((await setPassword(member.token, { newPassword: PASSWORD })).status).toBe(200);
    return { ...member, phone };
  }

  describe('PUT /v1/me/password', () => {
    describe('for a member without a password', () => {
      it('sets it, stored only as an argon2id hash', async () => {
        const { memberId } = await memberWithPassword();

        const row = await server.services.databases
          .vault('member_passwords')
          .where({ member_id: memberId })
          .first();

        expect(row.password_hash).toMatch(/^\$argon2id\$/);
        expect(row.password_hash).not.toContain(PASSWORD);
      });
    });

    describe.each(['short1A', 'onlyletters', '1234567890', 'x'.repeat(65) + '1'])(
      'with the weak password %s',
      (weak) => {
        it('refuses with PASSWORD_WEAK', async () => {
          const { token } = await joinAsMember(server);

          const answer = await setPassword(token, { newPassword: weak });

          expect(answer.status).toBe(400);
          expect(answer.body.error.code).toBe('PASSWORD_WEAK');
        });
      },
    );

    describe('changing an existing password without any proof', () => {
      it('refuses with PASSWORD_CHANGE_UNVERIFIED and keeps the old one', async () => {
        const { token, phone } = await memberWithPassword();

        const answer = await setPassword(token, { newPassword: NEW_PASSWORD });

        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('PASSWORD_CHANGE_UNVERIFIED');
        expect((await login(phone, PASSWORD)).status).toBe(200);
      });
    });

    describe('changing it with a wrong current password', () => {
      it('refuses with PASSWORD_CHANGE_UNVERIFIED', async () => {
        const { token } = await memberWithPassword();

        const answer = await setPassword(token, {
          newPassword: NEW_PASSWORD,
          currentPassword: 'Wrong2024pass',
        });

        expect(answer.body.error.code).toBe('PASSWORD_CHANGE_UNVERIFIED');
      });
    });

    describe('changing it with the current password', () => {
      it('changes it: the new one logs in, the old one no longer does', async () => {
        const { token, phone } = await memberWithPassword();

        const answer = await setPassword(token, {
          newPassword: NEW_PASSWORD,
          currentPassword: PASSWORD,
        });

        expect(answer.status).toBe(200);
        expect((await login(phone, NEW_PASSWORD)).status).toBe(200);
        expect((await login(phone, PASSWORD)).body.error.code).toBe('PASSWORD_INVALID');
      });
    });

    describe('changing it with a fresh SMS code to the bound phone', () => {
      it('changes it', async () => {
        const { token, phone } = await memberWithPassword();
        const smsCode = await smsCodeFor(server, phone, 'password');

        const answer = await setPassword(token, { newPassword: NEW_PASSWORD, smsCode });

        expect(answer.status).toBe(200);
        expect((await login(phone, NEW_PASSWORD)).status).toBe(200);
      });
    });
  });

  describe('POST /v1/auth/password/login', () => {
    describe('with the right phone and password', () => {
      it('returns a website session that opens GET /v1/me (C-4.2.1.2)', async () => {
        const { phone } = await memberWithPassword();

        const answer = await login(phone, PASSWORD);
        const me = await getJson(server, '/v1/me', answer.body.token);

        expect(answer.status).toBe(200);
        expect(me.status).toBe(200);
      });
    });

    describe('with the phone written as +86 and spaces', () => {
      it('logs in (field case)', async () => {
        const { phone } = await memberWithPassword();
        const typed = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;

        expect((await login(typed, PASSWORD)).status).toBe(200);
      });
    });

    describe('with a wrong password, an unknown phone, or a member without password', () => {
      it('answers PASSWORD_INVALID alike for all three', async () => {
        const { phone } = await memberWithPassword();
        const withoutPassword = await joinAsMember(server);
        const otherPhone = freshPhone();
        await bindPhoneBySms(server, withoutPassword.token, otherPhone);

        const answers = await Promise.all([
          login(phone, 'Wrong2024pass'),
          login(freshPhone('1350'), PASSWORD),
          login(otherPhone, PASSWORD),
        ]);

        for (const answer of answers) {
          expect(answer.status).toBe(401);
          expect(answer.body.error.code).toBe('PASSWORD_INVALID');
        }
      });
    });

    describe('with a phone no member has', () => {
      it('still checks the password once, so the answer takes as long as a wrong password', async () => {
        const verify = jest.spyOn(argon2, 'verify');

        const answer = await login(freshPhone('1350'), PASSWORD);

        expect(answer.body.error.code).toBe('PASSWORD_INVALID');
        expect(verify).toHaveBeenCalledTimes(1);
        verify.mockRestore();
      });
    });
  });

  describe('POST /v1/me/password/remove', () => {
    describe('without proof', () => {
      it('refuses with PASSWORD_CHANGE_UNVERIFIED', async () => {
        const { token } = await memberWithPassword();

        const answer = await removePassword(token, {});

        expect(answer.body.error.code).toBe('PASSWORD_CHANGE_UNVERIFIED');
      });
    });

    describe('with the current password', () => {
      it('removes it: password login then answers PASSWORD_INVALID', async () => {
        const { token, phone, memberId } = await memberWithPassword();

        const answer = await removePassword(token, { currentPassword: PASSWORD });

        expect(answer.status).toBe(200);
        expect(await server.services.passwords.hasPassword(memberId)).toBe(false);
        expect((await login(phone, PASSWORD)).body.error.code).toBe('PASSWORD_INVALID');
      });
    });
  });
});
