import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer, smsCodeFor } from '../support/member-flows';
import {
  bindPhoneBySms,
  countAllRows,
  freshPhone,
  getJson,
  joinAsMember,
  startMemberServer,
} from './member-kit';

describeEachDatabase('phone binding by SMS code (C-4.2.1.3a)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  async function phoneOf(token: string): Promise<string | null> {
    return (await getJson(server, '/v1/me', token)).body.phone;
  }

  describe('POST /v1/me/phone with method sms', () => {
    describe.each([
      ['+86 139 0000 0001', '13900000001', '139****0001'],
      ['8613900000002', '13900000002', '139****0002'],
      ['0086 139-0000-0003', '13900000003', '139****0003'],
      ['(139) 0000 0004', '13900000004', '139****0004'],
    ])('for the phone typed as %s', (typed, normalised, masked) => {
      it(`binds ${normalised} (field case)`, async () => {
        const { token, memberId } = await joinAsMember(server);
        await sendJson(server.url, 'POST', '/v1/auth/sms/send', { phone: typed, purpose: 'bind' });
        const code = server.simulators!.sms.lastCodeFor(normalised) as string;

        const answer = await sendJson(
          server.url,
          'POST',
          '/v1/me/phone',
          { method: 'sms', phone: typed, code },
          bearer(token),
        );
        const stored = await server.services.vault.readIdentifiers(memberId, 'phone', {
          actor: 'system:test',
          purpose: 'membership',
        });

        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ phone: masked });
        expect(stored).toEqual([normalised]);
      });
    });

    describe('for the phone in one format, with the code sent to another format of it', () => {
      it('binds: both normalise to 13900000005 (field case)', async () => {
        const { token } = await joinAsMember(server);
        await sendJson(server.url, 'POST', '/v1/auth/sms/send', {
          phone: '8613900000005',
          purpose: 'bind',
        });
        const code = server.simulators!.sms.lastCodeFor('13900000005') as string;

        const answer = await sendJson(
          server.url,
          'POST',
          '/v1/me/phone',
          { method: 'sms', phone: '+86 139 0000 0005', code },
          bearer(token),
        );

        expect(answer.body).toEqual({ phone: '139****0005' });
      });
    });

    describe('for 12025550123 (not a mainland mobile number)', () => {
      it('refuses with PHONE_INVALID and binds nothing (field case)', async () => {
        const { token } = await joinAsMember(server);
        const before = await countAllRows(server);

        const answer = await sendJson(
          server.url,
          'POST',
          '/v1/me/phone',
          { method: 'sms', phone: '12025550123', code: '123456' },
          bearer(token),
        );

        expect(answer.body.error.code).toBe('PHONE_INVALID');
        expect(await countAllRows(server)).toEqual(before);
      });
    });

    describe('for a phone already bound to another member', () => {
      it('refuses with PHONE_ALREADY_REGISTERED and leaves both members as they were', async () => {
        const phone = freshPhone();
        const first = await joinAsMember(server);
        await bindPhoneBySms(server, first.token, phone);
        const second = await joinAsMember(server);

        const answer = await bindPhoneBySms(server, second.token, phone);

        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('PHONE_ALREADY_REGISTERED');
        expect(await phoneOf(second.token)).toBeNull();
        expect(await phoneOf(first.token)).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      });
    });

    describe('for a new phone when one is already bound', () => {
      it('replaces the old phone, which is then free for another member', async () => {
        const [oldPhone, newPhone] = [freshPhone(), freshPhone()];
        const member = await joinAsMember(server);
        await bindPhoneBySms(server, member.token, oldPhone);

        const replaced = await bindPhoneBySms(server, member.token, newPhone);
        const other = await joinAsMember(server);
        const reused = await bindPhoneBySms(server, other.token, oldPhone);

        expect(replaced.status).toBe(200);
        expect(await phoneOf(member.token)).toBe(`${newPhone.slice(0, 3)}****${newPhone.slice(7)}`);
        expect(reused.status).toBe(200);
      });
    });

    describe('for the phone the member already has', () => {
      it('answers with it and keeps one phone row', async () => {
        const phone = freshPhone();
        const { token, memberId } = await joinAsMember(server);
        await bindPhoneBySms(server, token, phone);

        const again = await bindPhoneBySms(server, token, phone);
        const stored = await server.services.vault.readIdentifiers(memberId, 'phone', {
          actor: 'system:test',
          purpose: 'membership',
        });

        expect(again.status).toBe(200);
        expect(stored).toEqual([phone]);
      });
    });

    describe('without a session', () => {
      it('refuses with SESSION_REQUIRED', async () => {
        const phone = freshPhone();
        const code = await smsCodeFor(server, phone, 'bind');

        const answer = await sendJson(server.url, 'POST', '/v1/me/phone', {
          method: 'sms',
          phone,
          code,
        });

        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('SESSION_REQUIRED');
      });
    });
  });
});
