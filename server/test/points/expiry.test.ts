import type { Services } from '../../src/container';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import { ledgerFacts, newMember, plainProgramme, publish, type TestMember } from './points-support';

/** An award as the till would have sent it on that day (the 72-hour window judged then). */
function awardOn(
  services: Services,
  member: TestMember,
  sourceKey: string,
  fen: number,
  day: string,
) {
  const occurredAt = new Date(`${day}T04:00:00Z`);
  return services.pointsAwards.award(
    'dev_test',
    {
      pseudonym: member.pseudonym,
      sourceKey,
      kind: 'purchase',
      amountFen: fen,
      items: [],
      occurredAt,
    },
    occurredAt,
  );
}

describeEachDatabase('U-6.4.1 expiry by lot, first in first out', (database) => {
  let server: RunningServer;
  let services: Services;

  beforeAll(async () => {
    server = await testServer(database().url);
    services = server.services;
    await publish(services, plainProgramme());
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('three lots, part spent, the daily job at the start of March 2025', () => {
    let member: TestMember;

    beforeAll(async () => {
      member = await newMember(server);
      await awardOn(services, member, 'EXP-JAN', 10_000, '2024-01-10'); // lasts to 2025-01-31
      await awardOn(services, member, 'EXP-FEB', 20_000, '2024-02-10'); // lasts to 2025-02-28
      await awardOn(services, member, 'EXP-MAR', 30_000, '2024-03-10'); // lasts to 2025-03-31
      await services.pointsAccount.adjust('staff:test', {
        pseudonym: member.pseudonym,
        points: -150,
        reason: 'redeemed at the desk',
        adjustmentKey: 'exp-spend',
      });
    });

    it('spends the oldest lot first', async () => {
      const lots = await services.databases
        .core('points_lots')
        .where({ pseudonym: member.pseudonym })
        .orderBy('id')
        .select('remaining');

      expect(lots.map((lot: { remaining: number }) => Number(lot.remaining))).toEqual([
        0, 150, 300,
      ]);
    });

    it('expires what is left of every lot past its date and records each in the ledger', async () => {
      // 00:00 on 1 March 2025 in Shanghai: February's lot has just ended, March's has not.
      const run = await services.pointsExpiry.expireDue(new Date('2025-02-28T16:00:00Z'));

      expect(run).toEqual({ members: 1, lots: 1, points: 150 });
      const expired = await services.databases
        .core('points_ledger')
        .where({ pseudonym: member.pseudonym, entry_type: 'expire' });
      expect(expired.map((row: { points: number }) => Number(row.points))).toEqual([-150]);
      expect(await ledgerFacts(services, member.pseudonym)).toMatchObject({
        sum: 300,
        lotsRemaining: 300,
      });
    });

    it('changes nothing when the job runs again', async () => {
      const run = await services.pointsExpiry.expireDue(new Date('2025-02-28T16:00:00Z'));

      expect(run).toEqual({ members: 0, lots: 0, points: 0 });
      expect((await ledgerFacts(services, member.pseudonym)).sum).toBe(300);
    });

    it('lists the member among those whose points expire within 30 days', async () => {
      const soon = await services.pointsExpiry.expiringWithin(30, new Date('2025-03-05T00:00:00Z'));

      expect(soon.filter((row) => row.pseudonym === member.pseudonym)).toEqual([
        { pseudonym: member.pseudonym, points: 300, firstExpiresAt: '2025-03-31T16:00:00.000Z' },
      ]);
    });

    it('does not list them for a window that ends before the lot does', async () => {
      const soon = await services.pointsExpiry.expiringWithin(30, new Date('2025-02-01T00:00:00Z'));

      expect(soon.map((row) => row.pseudonym)).not.toContain(member.pseudonym);
    });
  });

  describe('points another feature credited straight to the ledger (an offline card)', () => {
    it('become a lot and expire like any other', async () => {
      const member = await newMember(server);
      await services.databases.core.transaction((trx) =>
        services.points.append(trx, {
          pseudonym: member.pseudonym,
          entryType: 'transfer',
          points: 70,
          sourceKey: `card:test-${member.pseudonym}`,
        }),
      );

      const run = await services.pointsExpiry.expireDue(
        new Date(Date.now() + 3 * 365 * 24 * 3600 * 1000),
      );

      expect(run.points).toBeGreaterThanOrEqual(70);
      expect(await ledgerFacts(services, member.pseudonym)).toMatchObject({
        sum: 0,
        lotsRemaining: 0,
      });
    });
  });
});
