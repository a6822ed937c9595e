import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { bindPhoneBySms, freshPhone, getJson, joinAsMember, startMemberServer } from './member-kit';

let cardCounter = 0;
function freshCardNo(): string {
  cardCounter += 1;
  return `8800${String(cardCounter).padStart(6, '0')}`;
}

describeEachDatabase('binding an offline membership card (C-4.2.1.3a)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  async function issueCard(phone: string, points: number): Promise<string> {
    const cardNo = freshCardNo();
    await server.services.offlineCards.insert({
      cardNo,
      phoneIndex: server.services.cipher.blindIndex('phone', phone),
      points,
    });
    return cardNo;
  }

  async function memberWithPhone() {
    const phone = freshPhone();
    const member = await joinAsMember(server);
    expect((await bindPhoneBySms(server, member.token, phone)).status).toBe(200);
    return { ...member, phone };
  }

  function bindCard(token: string, cardNo: string) {
    return sendJson(server.url, 'POST', '/v1/me/cards', { cardNo }, bearer(token));
  }

  describe('POST /v1/me/cards', () => {
    describe('for a card registered to the member’s own phone', () => {
      it('moves its points to the member once, as one ledger entry', async () => {
        const { token, pseudonym, phone } = await memberWithPhone();
        const cardNo = await issueCard(phone, 1280);

        const answer = await bindCard(token, cardNo);
        const me = await getJson(server, '/v1/me', token);
        const entries = await server.services.points.entries(pseudonym);

        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ cardNo, pointsMoved: 1280, balance: 1280 });
        expect(me.body.pointsBalance).toBe(1280);
        expect(me.body.offlineCards).toEqual([cardNo]);
        expect(entries).toEqual([
          expect.objectContaining({
            entryType: 'transfer',
            points: 1280,
            sourceKey: `card:${cardNo}`,
          }),
        ]);
      });
    });

    describe('for a card bound a second time', () => {
      it('refuses with CARD_ALREADY_BOUND and moves no more points', async () => {
        const { token, pseudonym, phone } = await memberWithPhone();
        const cardNo = await issueCard(phone, 500);
        await bindCard(token, cardNo);

        const again = await bindCard(token, cardNo);

        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('CARD_ALREADY_BOUND');
        expect(await server.services.points.balance(pseudonym)).toBe(500);
      });
    });

    describe('for a card bound twice at once', () => {
      it('moves the points only once', async () => {
        const { token, pseudonym, phone } = await memberWithPhone();
        const cardNo = await issueCard(phone, 300);

        const answers = await Promise.all([bindCard(token, cardNo), bindCard(token, cardNo)]);

        expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
        expect(await server.services.points.balance(pseudonym)).toBe(300);
      });
    });

    describe('for a card registered to another phone', () => {
      it('refuses with the generic BINDING_REFUSED (C-4.1.4a) and leaves the card unbound', async () => {
        const { token, pseudonym } = await memberWithPhone();
        const cardNo = await issueCard(freshPhone('1360'), 900);

        const answer = await bindCard(token, cardNo);
        const card = await server.services.offlineCards.find(cardNo);

        expect(answer.status).toBe(422);
        expect(answer.body.error.code).toBe('BINDING_REFUSED');
        expect(card).toMatchObject({ boundPseudonym: null, points: 900 });
        expect(await server.services.points.balance(pseudonym)).toBe(0);
      });
    });

    describe('for a member with no phone bound', () => {
      it('refuses with PHONE_NOT_BOUND', async () => {
        const { token } = await joinAsMember(server);
        const cardNo = await issueCard(freshPhone('1360'), 100);

        const answer = await bindCard(token, cardNo);

        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('PHONE_NOT_BOUND');
      });
    });

    describe('for a card number nobody issued', () => {
      it('refuses with the generic BINDING_REFUSED (C-4.1.4a)', async () => {
        const { token } = await memberWithPhone();

        const answer = await bindCard(token, '9999999999');

        expect(answer.body.error.code).toBe('BINDING_REFUSED');
      });
    });
  });
});
