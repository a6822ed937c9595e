import type { Services } from '../../src/container';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import {
  getAsMember,
  newMember,
  plainProgramme,
  publish,
  sendAward,
  sendDeviceWrite,
  type Device,
  type TestMember,
} from './points-support';

describeEachDatabase('U-6.6.1a tiers by rolling 12-month spend', (database) => {
  let server: RunningServer;
  let services: Services;
  let device: Device;

  beforeAll(async () => {
    server = await testServer(database().url);
    services = server.services;
    device = await services.devices.register('till 9', 'pos');
    await publish(services, plainProgramme());
  });

  afterAll(async () => {
    await server.stop();
  });

  const tierOf = async (member: TestMember) =>
    (await services.members.findById(member.memberId))?.tier;

  describe('the daily tier job', () => {
    let member: TestMember;

    beforeAll(async () => {
      member = await newMember(server);
      // Thirteen months ago: outside the window, so it never counts.
      const longAgo = new Date(Date.now() - 395 * 24 * 3600 * 1000);
      await services.pointsAwards.award(
        'dev_test',
        {
          pseudonym: member.pseudonym,
          sourceKey: 'TIER-OLD',
          kind: 'purchase',
          amountFen: 9_000_000,
          items: [],
          occurredAt: longAgo,
        },
        longAgo,
      );
      await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'TIER-1',
        amountFen: 2_100_000,
      });
    });

    it('shows the spend, the tier it earns and what the next one needs before the job runs', async () => {
      const tier = await getAsMember(server, member, '/v1/me/tier');

      expect(tier.body).toMatchObject({
        tier: { id: 'regular' },
        earnedTier: 'gold',
        spendFen: 2_100_000,
        windowMonths: 12,
        next: { id: 'platinum', remainingFen: 2_900_000 },
      });
    });

    it('promotes, and then the tier multiplier applies to new awards', async () => {
      const run = await services.pointsAdmin.run('tiers', 'staff:test');
      const award = await sendAward(server, device, {
        memberCardNo: member.cardNo,
        sourceKey: 'TIER-2',
        amountFen: 10_000,
      });

      expect(run.tiers).toMatchObject({ promoted: 1 });
      expect(await tierOf(member)).toBe('gold');
      expect(award.body.applied).toContainEqual(
        expect.objectContaining({ ruleId: 'tier:gold', effect: 'x1.25', points: 25 }),
      );
      const changes = await services.databases
        .core('points_tier_changes')
        .where({ pseudonym: member.pseudonym });
      expect(
        changes.map((row: { from_tier: string; to_tier: string }) => [row.from_tier, row.to_tier]),
      ).toEqual([['regular', 'gold']]);
    });

    it('demotes when a refund takes the spend below the threshold', async () => {
      await sendDeviceWrite(server, device, '/v1/points/refunds', {
        sourceKey: 'TIER-1',
        refundKey: 'R1',
        amountFen: 1_700_000,
      });

      const run = await services.pointsTiers.runTierJob();

      expect(run.demoted).toBeGreaterThanOrEqual(1);
      expect(await tierOf(member)).toBe('regular');
    });

    it('changes nothing when run again', async () => {
      const before = await services.databases.core('points_tier_changes').count({ n: '*' }).first();

      await services.pointsTiers.runTierJob();

      const after = await services.databases.core('points_tier_changes').count({ n: '*' }).first();
      expect(Number(after?.n)).toBe(Number(before?.n));
    });
  });
});
