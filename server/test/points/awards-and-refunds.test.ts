import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import {
  getAsMember,
  ledgerFacts,
  newMember,
  plainProgramme,
  publish,
  sendAward,
  sendDeviceWrite,
  type Device,
} from './points-support';

describeEachDatabase('U-6.4.1 awards, refunds and explanations', (database) => {
  let server: RunningServer;
  let device: Device;

  beforeAll(async () => {
    server = await testServer(database().url);
    device = await server.services.devices.register('till 1', 'pos');
    await publish(
      server.services,
      plainProgramme({
        itemBonuses: [{ id: 'brand-acme', kind: 'brand', match: 'ACME', extraPointsPerYuan: 2 }],
        multipliers: [{ id: 'birthday-month', kind: 'birthday-month', percent: 200 }],
        signUpBonus: { id: 'welcome', points: 100 },
      }),
    );
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('an award from the till', () => {
    it('records which rules applied, and the shopper sees that explanation', async () => {
      const member = await newMember(server);

      const answer = await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'ORDER-1',
        amountFen: 15_000,
        items: [{ sku: 'A1', brand: 'ACME', fen: 5_000 }],
      });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ points: 250, balance: 350, replayed: false });
      expect(answer.body.applied.map((rule: { ruleId: string }) => rule.ruleId)).toEqual([
        'base',
        'brand-acme',
      ]);
      const history = await getAsMember(server, member, '/v1/me/points/history');
      expect(history.body.entries.map((entry: { points: number }) => entry.points)).toEqual([
        250, 100,
      ]);
      expect(history.body.entries[0]).toMatchObject({
        entryType: 'earn',
        applied: answer.body.applied,
        details: { kind: 'purchase', amountFen: 15_000 },
      });
      expect(history.body.entries[1].applied[0]).toMatchObject({ kind: 'sign-up', points: 100 });
      const firstPage = await getAsMember(server, member, '/v1/me/points/history?limit=1');
      const secondPage = await getAsMember(
        server,
        member,
        `/v1/me/points/history?limit=1&before=${firstPage.body.nextBefore}`,
      );
      expect([firstPage.body.entries[0].points, secondPage.body.entries[0].points]).toEqual([
        250, 100,
      ]);
    });

    it('doubles in the birthday month, reading the birth date from the vault with an audit row', async () => {
      const thisMonth = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(5, 7);
      const member = await newMember(server, { birthDate: `1990-${thisMonth}-01` });

      const answer = await sendAward(server, device, {
        pseudonym: member.pseudonym,
        sourceKey: 'ORDER-BDAY',
        amountFen: 10_000,
      });

      expect(answer.body.applied).toContainEqual(
        expect.objectContaining({ kind: 'birthday-month', points: 100 }),
      );
      const audit = await server.services.databases.vault('audit_log').where({
        subject: member.pseudonym,
        field: 'profile.birth_date',
        actor: `device:${device.deviceId}`,
      });
      expect(audit.map((row: { purpose: string }) => row.purpose)).toEqual(['membership']);
    });

    it('refuses a member without the membership consent with CONSENT_REQUIRED', async () => {
      const member = await newMember(server);
      await server.services.consents.withdraw(
        server.services.databases.core,
        member.pseudonym,
        'membership',
      );

      const answer = await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'ORDER-NOCONSENT',
        amountFen: 1_000,
      });

      expect([answer.status, answer.body.error.code]).toEqual([403, 'CONSENT_REQUIRED']);
    });

    it('refuses the same source key for another amount with POINTS_SOURCE_CONFLICT', async () => {
      const member = await newMember(server);
      await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'ORDER-2',
        amountFen: 1_000,
      });

      const other = await sendAward(
        server,
        device,
        { memberCardNo: member.cardNo, sourceKey: 'ORDER-2', amountFen: 9_000 },
        'another-key',
      );

      expect([other.status, other.body.error.code]).toEqual([409, 'POINTS_SOURCE_CONFLICT']);
    });

    it.each([
      ['older than 72 hours', new Date(Date.now() - 73 * 3600 * 1000).toISOString()],
      ['from the future', new Date(Date.now() + 3600 * 1000).toISOString()],
    ])('refuses an event %s with POINTS_EVENT_TIME_INVALID', async (_label, occurredAt) => {
      const member = await newMember(server);

      const answer = await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: `ORDER-TIME-${occurredAt}`.replace(/[^\w.:-]/g, '').slice(0, 60),
        amountFen: 1_000,
        occurredAt,
      });

      expect(answer.body.error.code).toBe('POINTS_EVENT_TIME_INVALID');
    });

    it('refuses a body naming both a card and a pseudonym with POINTS_MEMBER_REQUIRED', async () => {
      const member = await newMember(server);

      const answer = await sendAward(server, device, {
        memberCardNo: member.cardNo,
        pseudonym: member.pseudonym,
        sourceKey: 'ORDER-BOTH',
        amountFen: 1_000,
      });

      expect(answer.body.error.code).toBe('POINTS_MEMBER_REQUIRED');
    });
  });

  describe('refunds', () => {
    it('reverse the points in proportion, exactly in total, once per refund key', async () => {
      const member = await newMember(server);
      await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'ORDER-R',
        amountFen: 9_900,
      });
      const refund = (refundKey: string, amountFen: number) =>
        sendDeviceWrite(server, device, '/v1/points/refunds', {
          sourceKey: 'ORDER-R',
          refundKey,
          amountFen,
        });

      const first = await refund('R1', 3_300);
      const again = await refund('R1', 3_300);
      const rest = await refund('R2', 6_600);
      const tooMuch = await refund('R3', 1);

      expect([first.body.pointsReversed, again.body.replayed, rest.body.pointsReversed]).toEqual([
        33,
        true,
        66,
      ]);
      expect(tooMuch.body.error.code).toBe('POINTS_REFUND_EXCEEDS');
      const facts = await ledgerFacts(server.services, member.pseudonym);
      expect(facts).toMatchObject({ sum: 100, balance: 100, lotsRemaining: 100 });
    });

    it('can take the balance below zero when the points were already spent, and new points repay it first', async () => {
      const member = await newMember(server);
      await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'ORDER-S',
        amountFen: 50_000,
      });
      await server.services.pointsAccount.adjust('staff:test', {
        pseudonym: member.pseudonym,
        points: -580,
        reason: 'spent at the service desk',
        adjustmentKey: 'spend-S',
      });

      await sendDeviceWrite(server, device, '/v1/points/refunds', {
        sourceKey: 'ORDER-S',
        refundKey: 'R1',
        amountFen: 50_000,
      });
      const afterRefund = await ledgerFacts(server.services, member.pseudonym);
      await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'ORDER-S2',
        amountFen: 70_000,
      });

      expect(afterRefund).toMatchObject({ sum: -480, lotsRemaining: 0 });
      expect(await ledgerFacts(server.services, member.pseudonym)).toMatchObject({
        sum: 220,
        lotsRemaining: 220,
      });
    });

    it('answers POINTS_AWARD_NOT_FOUND for a purchase that earned nothing here', async () => {
      const answer = await sendDeviceWrite(server, device, '/v1/points/refunds', {
        sourceKey: 'NO-SUCH-ORDER',
        refundKey: 'R1',
        amountFen: 100,
      });

      expect([answer.status, answer.body.error.code]).toEqual([404, 'POINTS_AWARD_NOT_FOUND']);
    });
  });

  describe('deleting the account (D-7.2)', () => {
    it('moves every points row to the anonymous pseudonym', async () => {
      const member = await newMember(server);
      await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'ORDER-DEL',
        amountFen: 2_000,
      });

      await server.services.account.deleteAccount(member.memberId);

      const knex = server.services.databases.core;
      for (const table of ['points_ledger', 'points_lots', 'points_awards', 'points_accounts'])
        expect(await knex(table).where({ pseudonym: member.pseudonym })).toEqual([]);
    });
  });
});
