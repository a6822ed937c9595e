import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import {
  bindPhoneBySms,
  freshPhone,
  freshPlate,
  getJson,
  joinAsMember,
  startMemberServer,
} from './member-kit';

const RESIDENT_ID = '11010119900101004X';

describeEachDatabase('exporting my data (C-4.2.1.3b)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  /** A member with something in every store: profile, phone, plate, ID number, card points. */
  async function fullMember() {
    const phone = freshPhone();
    const plate = freshPlate();
    const member = await joinAsMember(
      server,
      { membership: true, parking: true, sensitive_id: true },
      {
        profile: { name: '王小明', nickname: '测试🐟用户', birthDate: '1990-01-01' },
        optional: { plate, residentId: RESIDENT_ID, email: 'shopper@example.com' },
      },
    );
    await bindPhoneBySms(server, member.token, phone);
    await server.services.offlineCards.insert({
      cardNo: `77${phone.slice(3)}`,
      phoneIndex: server.services.cipher.blindIndex('phone', phone),
      points: 640,
    });
    await sendJson(
      server.url,
      'POST',
      '/v1/me/cards',
      { cardNo: `77${phone.slice(3)}` },
      bearer(member.token),
    );
    return { ...member, phone, plate, cardNo: `77${phone.slice(3)}` };
  }

  describe('GET /v1/me/export', () => {
    describe('for a member with data in every store', () => {
      let member: Awaited<ReturnType<typeof fullMember>>;

      beforeAll(async () => {
        member = await fullMember();
      });

      it('contains the profile, identifiers, ID number, consents, points and cards', async () => {
        const answer = await getJson(server, '/v1/me/export', member.token);

        expect(answer.status).toBe(200);
        expect(answer.body.profile).toMatchObject({
          name: '王小明',
          nickname: '测试🐟用户',
          birthDate: '1990-01-01',
          email: 'shopper@example.com',
        });
        expect(answer.body.phones).toEqual([member.phone]);
        expect(answer.body.wechatOpenids).toEqual([member.openid]);
        expect(answer.body.plates).toEqual([member.plate]);
        expect(answer.body.residentId).toBe(RESIDENT_ID);
        expect(answer.body.consents).toHaveLength(8);
        expect(answer.body.points.balance).toBe(640);
        expect(answer.body.points.entries).toHaveLength(1);
        expect(answer.body.offlineCards).toEqual([member.cardNo]);
      });

      it('names no pseudonym or internal id the shopper cannot use (S-5.1a)', async () => {
        const answer = await getJson(server, '/v1/me/export', member.token);

        expect(answer.text).not.toContain(member.pseudonym);
        expect(answer.text).not.toContain(member.memberId);
      });

      it('writes one audit row for each export (S-5.5)', async () => {
        const exportRows = () =>
          server.services.databases
            .vault('audit_log')
            .where({ action: 'member.export', subject: member.pseudonym });
        const before = (await exportRows()).length;

        await getJson(server, '/v1/me/export', member.token);
        const rows = await exportRows();

        expect(rows).toHaveLength(before + 1);
        expect(rows.at(-1)).toMatchObject({
          actor: `member:${member.pseudonym}`,
          purpose: 'export',
        });
      });
    });

    describe('without a session', () => {
      it('refuses with SESSION_REQUIRED', async () => {
        const answer = await getJson(server, '/v1/me/export');

        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('SESSION_REQUIRED');
      });
    });
  });
});
