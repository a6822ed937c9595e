import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer, smsCodeFor } from '../support/member-flows';
import { currentNoticeVersion, getJson, startMemberServer } from './member-kit';

const PHONE = '13900000001';

describeEachDatabase(
  'deleting and joining again with one phone (D-7.2, field case)',
  (database) => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startMemberServer(database().url);
    });

    afterAll(async () => {
      await server.stop();
    });

    /** Register with the phone through the SMS login path, as the website does. */
    async function registerWithPhone(choices: Record<string, boolean>) {
      const code = await smsCodeFor(server, PHONE, 'login');
      const login = await sendJson(server.url, 'POST', '/v1/auth/sms/login', {
        phone: PHONE,
        code,
      });
      expect(login.body.status).toBe('new');
      const joined = await sendJson(server.url, 'POST', '/v1/members', {
        ticket: login.body.signupTicket,
        noticeVersion: await currentNoticeVersion(server),
        channel: 'website',
        choices,
        profile: { nickname: '测试🐟用户' },
      });
      expect(joined.status).toBe(201);
      return {
        token: joined.body.session.token as string,
        memberId: joined.body.memberId as string,
      };
    }

    async function deleteAccount(token: string) {
      const answer = await send(server.url, 'DELETE', '/v1/me', { headers: bearer(token) });
      expect(answer.status).toBe(200);
    }

    describe(`register with ${PHONE}, delete, register, delete, register`, () => {
      let members: Array<{ token: string; memberId: string }>;

      beforeAll(async () => {
        await server.services.offlineCards.insert({
          cardNo: '5500000001',
          phoneIndex: server.services.cipher.blindIndex('phone', PHONE),
          points: 800,
        });
        const first = await registerWithPhone({ membership: true, marketing_messages: true });
        await sendJson(
          server.url,
          'POST',
          '/v1/me/cards',
          { cardNo: '5500000001' },
          bearer(first.token),
        );
        await deleteAccount(first.token);
        const second = await registerWithPhone({ membership: true, parking: true });
        await deleteAccount(second.token);
        const third = await registerWithPhone({ membership: true });
        members = [first, second, third];
      });

      it('succeeds at every step, each time as a new member', () => {
        const ids = new Set(members.map((member) => member.memberId));

        expect(ids.size).toBe(3);
      });

      it('gives the third member the phone and nothing of the first two: no points, no cards', async () => {
        const me = await getJson(server, '/v1/me', members[2].token);

        expect(me.body).toMatchObject({
          phone: '139****0001',
          pointsBalance: 0,
          offlineCards: [],
        });
      });

      it('shows the third member only its own consents', async () => {
        const consents = await getJson(server, '/v1/me/consents', members[2].token);

        expect(consents.body.history).toHaveLength(8);
        for (const record of consents.body.history) expect(record.channel).toBe('website');
        const granted = consents.body.history
          .filter((record: { status: string }) => record.status === 'granted')
          .map((record: { purpose: string }) => record.purpose);
        expect(granted).toEqual(['membership']);
      });

      it('exports nothing of the first two', async () => {
        const exported = await getJson(server, '/v1/me/export', members[2].token);

        expect(exported.body.points).toEqual({ balance: 0, entries: [] });
        expect(exported.body.offlineCards).toEqual([]);
        expect(exported.text).not.toContain('5500000001');
      });

      it('keeps the first two unable to log in', async () => {
        for (const member of members.slice(0, 2))
          expect((await getJson(server, '/v1/me', member.token)).body.error.code).toBe(
            'SESSION_INVALID',
          );
      });

      it('leaves the first card bound to the anonymised records, not to the third member', async () => {
        const code = await smsCodeFor(server, PHONE, 'bind');
        await sendJson(
          server.url,
          'POST',
          '/v1/me/phone',
          { method: 'sms', phone: PHONE, code },
          bearer(members[2].token),
        );

        const answer = await sendJson(
          server.url,
          'POST',
          '/v1/me/cards',
          { cardNo: '5500000001' },
          bearer(members[2].token),
        );

        // C-4.1.4a: bound to someone else (here the anonymised records) is the generic refusal.
        expect(answer.body.error.code).toBe('BINDING_REFUSED');
      });
    });
  },
);
