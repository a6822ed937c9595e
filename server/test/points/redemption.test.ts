import type { Services } from '../../src/container';
import type { RunningServer } from '../../src/server';
import { bearer } from '../support/member-flows';
import { sendJson } from '../support/http-client';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import {
  getAsMember,
  ledgerFacts,
  newMember,
  plainProgramme,
  postAsMember,
  publish,
  sendAward,
  sendDeviceWrite,
  staffToken,
  type Device,
  type TestMember,
} from './points-support';

describeEachDatabase('U-6.4.2 redemption: reserve, then commit or release', (database) => {
  let server: RunningServer;
  let services: Services;
  let device: Device;
  let staff: string;
  let sequence = 0;

  beforeAll(async () => {
    server = await testServer(database().url);
    services = server.services;
    device = await services.devices.register('till 3', 'pos');
    staff = await staffToken(services);
    await publish(services, plainProgramme());
  });

  afterAll(async () => {
    await server.stop();
  });

  async function memberWith(points: number): Promise<TestMember> {
    const member = await newMember(server);
    sequence += 1;
    await sendAward(server, device, {
      memberCardNo: member.cardNo,
      sourceKey: `RDM-${sequence}`,
      amountFen: points * 100,
    });
    return member;
  }

  async function addItem(item: Record<string, unknown>) {
    const answer = await sendJson(
      server.url,
      'POST',
      '/v1/admin/points/catalogue',
      item,
      bearer(staff),
    );
    expect(answer.status).toBe(201);
    return answer.body as { id: string; stock: number | null };
  }

  const stockOf = async (itemId: string) => (await services.pointsCatalogue.find(itemId))?.stock;

  describe('a shopper redeems a coupon in the mini-program', () => {
    it('holds the points, issues the coupon, then spends the points', async () => {
      const member = await memberWith(1_000);
      const item = await addItem({
        kind: 'coupon',
        title: '满100减20',
        pointsPrice: 300,
        valueFen: 2_000,
        stock: 5,
      });

      const answer = await postAsMember(server, member, '/v1/me/redemptions', {
        itemId: item.id,
        quantity: 2,
        requestId: 'tap-1',
      });
      const again = await postAsMember(server, member, '/v1/me/redemptions', {
        itemId: item.id,
        quantity: 2,
        requestId: 'tap-1',
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ status: 'committed', points: 600, valueFen: 4_000 });
      expect(answer.body.fulfilment.couponCode).toMatch(/^CP\d{12}$/);
      expect(again.body).toEqual(answer.body);
      expect(await stockOf(item.id)).toBe(3);
      expect(await ledgerFacts(services, member.pseudonym)).toMatchObject({
        sum: 400,
        lotsRemaining: 400,
      });
      const summary = await getAsMember(server, member, '/v1/me/points');
      expect(summary.body).toMatchObject({ balance: 400, held: 0, available: 400 });
    });

    it('refuses with POINTS_INSUFFICIENT and keeps the stock when points are short', async () => {
      const member = await memberWith(100);
      const item = await addItem({ kind: 'goods', title: '保温杯', pointsPrice: 500, stock: 1 });

      const answer = await postAsMember(server, member, '/v1/me/redemptions', {
        itemId: item.id,
        requestId: 'tap-short',
      });

      expect([answer.status, answer.body.error.code]).toEqual([409, 'POINTS_INSUFFICIENT']);
      expect(await stockOf(item.id)).toBe(1);
    });

    it('lets only one of several shoppers racing for the last unit have it', async () => {
      const racers = await Promise.all([1, 2, 3, 4].map(() => memberWith(1_000)));
      const item = await addItem({
        kind: 'gift-card',
        title: '50元礼品卡',
        pointsPrice: 500,
        valueFen: 5_000,
        stock: 1,
      });

      const answers = await Promise.all(
        racers.map((member) =>
          postAsMember(server, member, '/v1/me/redemptions', {
            itemId: item.id,
            requestId: 'race',
          }),
        ),
      );

      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
      expect(
        answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error.code),
      ).toEqual([
        'POINTS_ITEM_OUT_OF_STOCK',
        'POINTS_ITEM_OUT_OF_STOCK',
        'POINTS_ITEM_OUT_OF_STOCK',
      ]);
      expect(await stockOf(item.id)).toBe(0);
    });
  });

  describe('when fulfilment fails', () => {
    it('releases the reservation: the points and the stock are back', async () => {
      const member = await memberWith(1_000);
      const item = await addItem({
        kind: 'gift-card',
        title: '100元礼品卡',
        pointsPrice: 800,
        valueFen: 10_000,
        stock: 2,
      });
      const failing = services.redemptionWith({
        'gift-card': async () => {
          throw new Error('gift-card issuer timed out');
        },
      });

      const attempt = failing.redeem(member.pseudonym, {
        itemId: item.id,
        quantity: 1,
        requestId: 'tap-fail',
      });

      await expect(attempt).rejects.toMatchObject({ code: 'POINTS_FULFILMENT_FAILED' });
      expect(await stockOf(item.id)).toBe(2);
      expect(await ledgerFacts(services, member.pseudonym)).toMatchObject({
        sum: 1_000,
        lotsRemaining: 1_000,
      });
      const reservations = await services.databases
        .core('points_reservations')
        .where({ pseudonym: member.pseudonym });
      expect(reservations.map((row: { status: string }) => row.status)).toEqual(['released']);
      const summary = await getAsMember(server, member, '/v1/me/points');
      expect(summary.body).toMatchObject({ balance: 1_000, held: 0, available: 1_000 });
    });
  });

  describe('cash offset at the till', () => {
    const offset = (member: TestMember, offsetKey: string, points = 500) =>
      sendDeviceWrite(server, device, '/v1/points/offsets', {
        memberCardNo: member.cardNo,
        basketFen: 19_990,
        points,
        offsetKey,
      });

    it('holds the points, then spends them when the payment went through', async () => {
      const member = await memberWith(800);

      const held = await offset(member, 'TILL-1');
      const summary = await getAsMember(server, member, '/v1/me/points');
      const committed = await sendDeviceWrite(
        server,
        device,
        `/v1/points/offsets/${held.body.reservationId}/commit`,
        undefined,
      );

      expect(held.body).toMatchObject({
        offsetFen: 500,
        pointsUsed: 500,
        amountDueFen: 19_490,
        status: 'reserved',
      });
      expect(summary.body).toMatchObject({ balance: 800, held: 500, available: 300 });
      expect(committed.body).toMatchObject({ status: 'committed', points: 500 });
      expect((await ledgerFacts(services, member.pseudonym)).sum).toBe(300);
    });

    it('gives the points back when the payment failed, and refuses to commit afterwards', async () => {
      const member = await memberWith(800);
      const held = await offset(member, 'TILL-2');

      const released = await sendDeviceWrite(
        server,
        device,
        `/v1/points/offsets/${held.body.reservationId}/release`,
        undefined,
      );
      const lateCommit = await sendDeviceWrite(
        server,
        device,
        `/v1/points/offsets/${held.body.reservationId}/commit`,
        undefined,
      );

      expect(released.body.status).toBe('released');
      expect(lateCommit.body.error.code).toBe('POINTS_RESERVATION_SETTLED');
      expect((await ledgerFacts(services, member.pseudonym)).sum).toBe(800);
    });

    it('refuses a second hold that the available points cannot cover', async () => {
      const member = await memberWith(800);
      await offset(member, 'TILL-3');

      const second = await offset(member, 'TILL-4');

      expect(second.body).toMatchObject({
        error: { code: 'POINTS_INSUFFICIENT', details: { available: 300 } },
      });
    });

    it('releases a hold nobody settled once it runs out', async () => {
      const member = await memberWith(800);
      await offset(member, 'TILL-5');

      const released = await services.pointsRedemption.releaseExpired(
        new Date(Date.now() + 16 * 60_000),
      );

      expect(released).toBeGreaterThanOrEqual(1);
      const summary = await getAsMember(server, member, '/v1/me/points');
      expect(summary.body).toMatchObject({ held: 0, available: 800 });
    });
  });
});
