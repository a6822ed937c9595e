import { amountDue, DEFAULT_POINTS_PROGRAM } from '@memberkit/shared';
import type { Services } from '../../src/container';
import type { RunningServer } from '../../src/server';
import { bearer } from '../support/member-flows';
import { send, sendJson } from '../support/http-client';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import {
  getAsMember,
  newMember,
  postAsMember,
  sendAward,
  sendDeviceWrite,
  staffToken,
  type Device,
  type TestMember,
} from './points-support';

const BASKET_FEN = 19_990;
const POINTS_OFFERED = 5_000;

/**
 * U-6.7.2: no unreasonable price differences between shoppers on the same terms. Tier perks
 * (more points, free parking hours, the lounge) are published rules; what a basket costs at
 * the till and what an item costs in points are the same for every tier and every profile.
 */
describeEachDatabase(
  'U-6.7.2 the same basket and the same item cost everyone the same',
  (database) => {
    let server: RunningServer;
    let services: Services;
    let device: Device;
    let itemId: string;
    const members: Array<{ label: string; member: TestMember }> = [];

    beforeAll(async () => {
      server = await testServer(database().url);
      services = server.services;
      device = await services.devices.register('till 2', 'pos');
      const staff = await staffToken(services);
      const item = await sendJson(
        server.url,
        'POST',
        '/v1/admin/points/catalogue',
        { kind: 'parking-offset', title: '停车抵扣10元', pointsPrice: 1_000, valueFen: 1_000 },
        bearer(staff),
      );
      itemId = item.body.id;

      const thisMonth = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(5, 7);
      const profiles = [
        { label: 'regular, no profile', profile: {}, spendFen: 1_000_000 },
        {
          label: 'birthday this month',
          profile: { birthDate: `1990-${thisMonth}-15`, gender: 'female' },
          spendFen: 1_000_000,
        },
        {
          label: 'platinum by spend',
          profile: { gender: 'male', birthDate: '1970-01-01' },
          spendFen: 6_000_000,
        },
        { label: 'gold set by staff', profile: { gender: 'undisclosed' }, spendFen: 1_000_000 },
      ];
      for (const [index, { label, profile, spendFen }] of profiles.entries()) {
        const member = await newMember(server, profile);
        await sendAward(server, device, {
          memberCardNo: member.cardNo,
          sourceKey: `U672-${index}`,
          amountFen: spendFen,
        });
        members.push({ label, member });
      }
      await services.pointsTiers.runTierJob();
      await services.databases
        .core('members')
        .where({ id: members[3].member.memberId })
        .update({ tier: 'gold' });
    });

    afterAll(async () => {
      await server.stop();
    });

    it('has members in at least three tiers and with different profiles', async () => {
      const tiers = await Promise.all(
        members.map(async ({ member }) => (await services.members.findById(member.memberId))?.tier),
      );

      expect(new Set(tiers).size).toBeGreaterThanOrEqual(3);
    });

    it('shows every member, and a visitor without a session, the same catalogue and rate', async () => {
      const anonymous = await send(server.url, 'GET', '/v1/points/catalogue');
      const seen = await Promise.all(
        members.map(({ member }) => getAsMember(server, member, '/v1/points/catalogue')),
      );

      expect(anonymous.status).toBe(200);
      for (const answer of seen) expect(answer.body).toEqual(anonymous.body);
      expect(anonymous.body.items).toContainEqual(
        expect.objectContaining({ id: itemId, pointsPrice: 1_000 }),
      );
    });

    it('asks every member the same amount at the till for the same basket and points', async () => {
      const quotes = [];
      for (const [index, { member }] of members.entries()) {
        const held = await sendDeviceWrite(server, device, '/v1/points/offsets', {
          memberCardNo: member.cardNo,
          basketFen: BASKET_FEN,
          points: POINTS_OFFERED,
          offsetKey: `U672-OFFSET-${index}`,
        });
        expect(held.status).toBe(201);
        quotes.push({
          offsetFen: held.body.offsetFen,
          pointsUsed: held.body.pointsUsed,
          amountDueFen: held.body.amountDueFen,
        });
        await sendDeviceWrite(
          server,
          device,
          `/v1/points/offsets/${held.body.reservationId}/release`,
          undefined,
        );
      }

      const expected = amountDue(BASKET_FEN, POINTS_OFFERED, DEFAULT_POINTS_PROGRAM.cashOffset);
      expect(quotes).toEqual(
        members.map(() => ({
          offsetFen: expected.offsetFen,
          pointsUsed: expected.pointsUsed,
          amountDueFen: expected.amountDueFen,
        })),
      );
    });

    it('charges every member the same points for the same item', async () => {
      const charged = [];
      for (const { member } of members) {
        const before = (await getAsMember(server, member, '/v1/me/points')).body.balance;
        const answer = await postAsMember(server, member, '/v1/me/redemptions', {
          itemId,
          requestId: 'same-item',
        });
        const after = (await getAsMember(server, member, '/v1/me/points')).body.balance;
        charged.push([answer.body.points, before - after]);
      }

      expect(charged).toEqual(members.map(() => [1_000, 1_000]));
    });

    it('computes the amount due from the basket, the points and the published rate alone', () => {
      // The function has no parameter through which a member, tier or profile could reach it.
      expect(amountDue.length).toBe(3);
    });
  },
);
