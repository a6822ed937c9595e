import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import {
  bindPhoneBySms,
  freshPhone,
  freshPlate,
  getJson,
  joinAsMember,
  startMemberServer,
} from './member-kit';

const RESIDENT_ID = '110101199001011237';

describeEachDatabase('deleting my account (D-7.2)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  /** A member with a phone, plate, ID number, a password session and card points. */
  async function fullMember(residentId?: string) {
    const phone = freshPhone();
    const member = await joinAsMember(
      server,
      { membership: true, parking: true, sensitive_id: Boolean(residentId) },
      {
        profile: { name: '王小明', nickname: '测试🐟用户' },
        optional: { plate: freshPlate(), ...(residentId ? { residentId } : {}) },
      },
    );
    await bindPhoneBySms(server, member.token, phone);
    const cardNo = `66${phone.slice(3)}`;
    await server.services.offlineCards.insert({
      cardNo,
      phoneIndex: server.services.cipher.blindIndex('phone', phone),
      points: 450,
    });
    await sendJson(server.url, 'POST', '/v1/me/cards', { cardNo }, bearer(member.token));
    await sendJson(
      server.url,
      'PUT',
      '/v1/me/password',
      { newPassword: 'Shop2024pass' },
      bearer(member.token),
    );
    const website = await sendJson(server.url, 'POST', '/v1/auth/password/login', {
      phone,
      password: 'Shop2024pass',
    });
    return { ...member, phone, cardNo, websiteToken: website.body.token as string };
  }

  function deleteAccount(token: string) {
    return send(server.url, 'DELETE', '/v1/me', { headers: bearer(token) });
  }

  async function vaultRowsOf(memberId: string): Promise<number> {
    let rows = 0;
    for (const table of [
      'member_identity',
      'member_identifiers',
      'member_sensitive',
      'member_passwords',
    ]) {
      const row = await server.services.databases
        .vault(table)
        .where({ member_id: memberId })
        .count({ n: '*' })
        .first();
      rows += Number(row?.n ?? 0);
    }
    return rows;
  }

  describe('DELETE /v1/me', () => {
    describe('for a member with data in every store', () => {
      let member: Awaited<ReturnType<typeof fullMember>>;
      let answer: Awaited<ReturnType<typeof deleteAccount>>;
      let consentRowsBefore: number;

      beforeAll(async () => {
        member = await fullMember(RESIDENT_ID);
        consentRowsBefore = (await server.services.consents.history(member.pseudonym)).length;
        answer = await deleteAccount(member.token);
      });

      it('succeeds in one action and returns a signed deletion receipt', () => {
        expect(answer.status).toBe(200);
        expect(answer.body.receiptId).toMatch(/^deletion_/);
        expect(server.services.receipts.verify(answer.body)).toBe(true);
        expect(server.services.receipts.verify({ ...answer.body, erasedValues: 0 })).toBe(false);
      });

      it('names no identifier or pseudonym in the receipt', () => {
        for (const value of [member.phone, member.openid, member.pseudonym, member.memberId])
          expect(answer.text).not.toContain(value);
      });

      it('ends this session and every other session at once (SESSION_INVALID)', async () => {
        const mini = await getJson(server, '/v1/me', member.token);
        const website = await getJson(server, '/v1/me', member.websiteToken);

        expect(mini.status).toBe(401);
        expect(mini.body.error.code).toBe('SESSION_INVALID');
        expect(website.body.error.code).toBe('SESSION_INVALID');
      });

      it('erases every vault row: profile, identifiers, ID number and password', async () => {
        expect(await vaultRowsOf(member.memberId)).toBe(0);
      });

      it('cuts the member from the pseudonym and card number', async () => {
        const core = await server.services.databases
          .core('members')
          .where({ id: member.memberId })
          .first();

        expect(core).toMatchObject({ status: 'deleted', pseudonym: null, card_no: null });
      });

      it('moves consents, points and the card to one anon_ pseudonym', async () => {
        const { core } = server.services.databases;
        const card = await core('offline_cards').where({ card_no: member.cardNo }).first();
        const anonymous = card.bound_pseudonym as string;

        expect(anonymous).toMatch(/^anon_[0-9a-f]{24}$/);
        expect(await core('consents').where({ pseudonym: member.pseudonym })).toHaveLength(0);
        expect(await core('points_ledger').where({ pseudonym: member.pseudonym })).toHaveLength(0);
        expect(await core('consents').where({ pseudonym: anonymous })).toHaveLength(
          consentRowsBefore,
        );
        expect(await server.services.points.balance(anonymous)).toBe(450);
      });

      it('leaves nothing that leads from the phone to the anonymised records', async () => {
        const phoneIndexes = server.services.cipher.blindIndexCandidates('phone', member.phone);

        const cards = await server.services.databases
          .core('offline_cards')
          .whereIn('phone_index', phoneIndexes);

        expect(cards).toHaveLength(0);
      });

      it('frees the phone, the openid and the ID number at once', async () => {
        const { vault } = server.services;

        expect(await vault.findMemberByIdentifier('phone', member.phone)).toBeUndefined();
        expect(await vault.findMemberByIdentifier('wechat_openid', member.openid)).toBeUndefined();
        expect(await vault.findMemberByIdentifier('resident_id', RESIDENT_ID)).toBeUndefined();
      });
    });

    describe('followed by a sign-up with the same phone and the same WeChat openid', () => {
      it('makes a new member with no history: balance 0, no cards, only the new consents', async () => {
        const old = await fullMember();
        await deleteAccount(old.token);

        const { login } = await (async () => {
          const code = server.simulators!.wechat.issueLoginCode(old.openid);
          return { login: await sendJson(server.url, 'POST', '/v1/auth/wechat/login', { code }) };
        })();
        const joined = await sendJson(server.url, 'POST', '/v1/members', {
          ticket: login.body.signupTicket,
          noticeVersion: (await getJson(server, '/v1/notices/current')).body.version,
          channel: 'weapp',
          choices: { membership: true },
        });
        const token = joined.body.session.token as string;
        const rebound = await bindPhoneBySms(server, token, old.phone);
        const me = await getJson(server, '/v1/me', token);
        const consents = await getJson(server, '/v1/me/consents', token);

        expect(login.body.status).toBe('new');
        expect(joined.status).toBe(201);
        expect(joined.body.memberId).not.toBe(old.memberId);
        expect(rebound.status).toBe(200);
        expect(me.body).toMatchObject({ pointsBalance: 0, offlineCards: [], hasResidentId: false });
        expect(me.body.profile.name).toBeNull();
        expect(consents.body.history).toHaveLength(8);
        expect(
          consents.body.purposes.find((state: { purpose: string }) => state.purpose === 'parking'),
        ).toMatchObject({ status: 'refused' });
      });
    });

    describe('by withdrawing the membership consent', () => {
      it('closes the account in that one action (C-4.1.2b, D-7.2)', async () => {
        const { token, memberId } = await joinAsMember(server);

        const answer = await send(server.url, 'POST', '/v1/me/consents/membership/withdraw', {
          headers: bearer(token),
        });

        expect(answer.body.accountDeleted).toBe(true);
        expect(server.services.receipts.verify(answer.body.receipt)).toBe(true);
        expect((await getJson(server, '/v1/me', token)).body.error.code).toBe('SESSION_INVALID');
        expect(await vaultRowsOf(memberId)).toBe(0);
      });
    });
  });
});
