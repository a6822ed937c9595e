import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { offlinePlateHash } from '../../src/parking/parking-plates';
import { send, sendJson, sendSigned } from '../support/http-client';
import { bearer, signUpWithWechat } from '../support/member-flows';
import { testServer } from '../support/test-services';
import {
  attachWechatPay,
  enter,
  leave,
  minutesAgo,
  postNotification,
  randomPlate,
  setUpLot,
  type ParkingRig,
  type PayRig,
} from './parking-kit';

describeEachDatabase(
  'member parking: plates, benefits, paying (C-4.2.2.6, U-6.4.2)',
  (database) => {
    let server: RunningServer;
    let rig: ParkingRig;
    let pay: PayRig;

    beforeAll(async () => {
      server = await testServer(database().url);
      rig = await setUpLot(server, { spendFreeHours: [{ minSpendFen: 20_000, freeHours: 2 }] });
      pay = await attachWechatPay(server);
    });

    afterAll(async () => {
      await pay.stop();
      await server.stop();
    });

    async function member(choices = { membership: true, parking: true }) {
      const { answer, token } = await signUpWithWechat(server, choices);
      const core = await server.services.members.findById(answer.body.memberId);
      return {
        token,
        memberId: answer.body.memberId as string,
        pseudonym: core?.pseudonym as string,
      };
    }

    const bind = (token: string, plate: string) =>
      sendJson(server.url, 'POST', '/v1/me/parking/plates', { plate }, bearer(token));

    describe('binding plates', () => {
      it('binds plates normalised by parsePlate (field cases: lower case, O for 0)', async () => {
        const { token } = await member();

        await bind(token, '粤b12345');
        const answer = await bind(token, '粤BO1234');

        expect(answer.status).toBe(200);
        expect(answer.body.plates).toEqual(['粤B12345', '粤B01234']);
      });

      it('refuses a fourth plate with PARKING_PLATE_LIMIT', async () => {
        const { token } = await member();
        for (const plate of [randomPlate(), randomPlate(), randomPlate()]) await bind(token, plate);

        const answer = await bind(token, randomPlate());

        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('PARKING_PLATE_LIMIT');
      });

      it('refuses without the parking consent (CONSENT_REQUIRED)', async () => {
        const { token } = await member({ membership: true, parking: false });

        const answer = await bind(token, randomPlate());

        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('CONSENT_REQUIRED');
      });

      it('removes one plate and keeps the others', async () => {
        const { token } = await member();
        const [kept, removed] = [randomPlate(), randomPlate()];
        await bind(token, kept);
        await bind(token, removed);

        const answer = await sendJson(
          server.url,
          'POST',
          '/v1/me/parking/plates/remove',
          { plate: removed },
          bearer(token),
        );

        expect(answer.body.plates).toEqual([kept]);
      });
    });

    describe("a member's stay", () => {
      it('is kept under the pseudonym only with the parking consent', async () => {
        const withConsent = await member();
        const plate = randomPlate();
        await bind(withConsent.token, plate);

        const { answer } = await enter(rig, plate, minutesAgo(5));

        expect(answer.body.reason).toBe('entry-member');
        const stay = await server.services.databases
          .core('parking_sessions')
          .where({ pseudonym: withConsent.pseudonym })
          .first();
        expect(stay.status).toBe('open');
      });

      it('is treated like any car once the parking consent is withdrawn', async () => {
        const { token, pseudonym } = await member();
        const plate = randomPlate();
        await bind(token, plate);
        await send(server.url, 'POST', '/v1/me/consents/parking/withdraw', {
          headers: bearer(token),
        });

        const { answer } = await enter(rig, plate, minutesAgo(5));

        expect(answer.body.reason).toBe('entry');
        const kept = await server.services.databases.core('parking_sessions').where({ pseudonym });
        expect(kept).toHaveLength(0);
      });

      it('gets the free hours of the tier (2 h 20 min with 2 free hours: 20 min charged)', async () => {
        const { token, memberId } = await member();
        await server.services.databases
          .core('members')
          .where({ id: memberId })
          .update({ tier: 'gold' });
        const plate = randomPlate();
        await bind(token, plate);
        await enter(rig, plate, minutesAgo(140));

        const overview = await send(server.url, 'GET', '/v1/me/parking', {
          headers: bearer(token),
        });

        expect(overview.body.sessions[0]).toMatchObject({
          plate,
          dueFen: 300,
          benefits: { tierFreeHours: 2, spendFreeHours: 0, hasActivePass: false },
        });
      });

      it('gets free hours for same-day spending at the till', async () => {
        const { token, pseudonym } = await member();
        await server.services.databases.core('points_awards').insert({
          pseudonym,
          source_key: `till-${pseudonym}`,
          award_key: `till-${pseudonym}`,
          kind: 'purchase',
          amount_fen: 25_000,
          spend_fen: 25_000,
          points: 250,
          occurred_at: new Date().toISOString().replace('T', ' ').replace('Z', ''),
          created_at: new Date().toISOString().replace('T', ' ').replace('Z', ''),
        });
        const plate = randomPlate();
        await bind(token, plate);
        await enter(rig, plate, minutesAgo(110));

        const overview = await send(server.url, 'GET', '/v1/me/parking', {
          headers: bearer(token),
        });

        expect(overview.body.sessions[0]).toMatchObject({ dueFen: 0, status: 'free' });
        expect(overview.body.sessions[0].benefits.spendFreeHours).toBe(2);
      });

      it('parks free with a monthly pass', async () => {
        const { token, memberId } = await member();
        const plate = randomPlate();
        await bind(token, plate);
        const core = await server.services.members.findById(memberId);
        const pass = await sendJson(
          server.url,
          'POST',
          '/v1/admin/parking/passes',
          {
            cardNo: core?.cardNo,
            lotId: rig.lotId,
            validFrom: new Date(Date.now() - 86_400_000).toISOString(),
            validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          },
          bearer(rig.staffToken),
        );
        expect(pass.status).toBe(201);

        const entry = await enter(rig, plate, minutesAgo(300));
        const exit = await leave(rig, plate, minutesAgo(0));

        expect(entry.answer.body.reason).toBe('entry-pass');
        expect(exit.answer.body).toMatchObject({ open: true, reason: 'pass' });
      });
    });

    describe('offline rules for passes', () => {
      it("hold a pass holder's plates only while the parking consent holds", async () => {
        const { token, memberId } = await member();
        const plate = randomPlate();
        await bind(token, plate);
        const core = await server.services.members.findById(memberId);
        await sendJson(
          server.url,
          'POST',
          '/v1/admin/parking/passes',
          {
            cardNo: core?.cardNo,
            lotId: rig.lotId,
            validFrom: new Date(Date.now() - 86_400_000).toISOString(),
            validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          },
          bearer(rig.staffToken),
        );
        const hashes = async () => {
          const rules = await sendSigned(
            server.url,
            rig.adapter,
            'GET',
            '/v1/parking/offline-rules',
            undefined,
          );
          const [lot] = rules.body.lots;
          return {
            expected: offlinePlateHash(Buffer.from(lot.hashKey, 'base64'), plate),
            listed: lot.passes.map((pass: { plateHash: string }) => pass.plateHash),
          };
        };

        const before = await hashes();
        await send(server.url, 'POST', '/v1/me/consents/parking/withdraw', {
          headers: bearer(token),
        });
        const after = await hashes();

        expect(before.listed).toContain(before.expected);
        expect(after.listed).not.toContain(after.expected);
      });
    });

    describe('paying in the mini-program (WeChat Pay JSAPI)', () => {
      it('pays, is applied once from the notification, and the exit opens within grace', async () => {
        const { token } = await member();
        const plate = randomPlate();
        await bind(token, plate);
        await enter(rig, plate, minutesAgo(45));
        const overview = await send(server.url, 'GET', '/v1/me/parking', {
          headers: bearer(token),
        });
        const sessionId = overview.body.sessions[0].sessionId;

        const order = await sendJson(
          server.url,
          'POST',
          `/v1/me/parking/sessions/${sessionId}/pay`,
          { points: 0 },
          bearer(token),
        );
        expect(order.status).toBe(200);
        expect(order.body).toMatchObject({ status: 'pending', amountFen: 600 });
        expect(order.body.jsapi.package).toMatch(/^prepay_id=/);

        const xml = pay.simulator.completePrepaidOrder(order.body.orderId);
        const first = await postNotification(server, xml);
        const again = await postNotification(server, xml);
        expect(first.text).toContain('SUCCESS');
        expect(again.text).toContain('SUCCESS');

        const status = await send(
          server.url,
          'GET',
          `/v1/me/parking/orders/${order.body.orderId}`,
          {
            headers: bearer(token),
          },
        );
        expect(status.body.status).toBe('paid');
        const stay = await server.services.parking.sessions.find(sessionId);
        expect(stay?.paidFen).toBe(600);

        const { answer } = await leave(rig, plate, minutesAgo(0));
        expect(answer.body).toMatchObject({ open: true, reason: 'paid' });
      });

      it('learns of a payment by querying when no notification came', async () => {
        const { token } = await member();
        const plate = randomPlate();
        await bind(token, plate);
        await enter(rig, plate, minutesAgo(45));
        const overview = await send(server.url, 'GET', '/v1/me/parking', {
          headers: bearer(token),
        });
        const sessionId = overview.body.sessions[0].sessionId;
        const order = await sendJson(
          server.url,
          'POST',
          `/v1/me/parking/sessions/${sessionId}/pay`,
          {},
          bearer(token),
        );

        pay.simulator.completePrepaidOrder(order.body.orderId);
        const status = await send(
          server.url,
          'GET',
          `/v1/me/parking/orders/${order.body.orderId}`,
          {
            headers: bearer(token),
          },
        );

        expect(status.body.status).toBe('paid');
      });

      it('offsets points (U-6.4.2) at the programme rate, capped at half the fee', async () => {
        const { token, pseudonym } = await member();
        await server.services.pointsAccount.adjust('staff:test', {
          pseudonym,
          points: 1000,
          reason: 'test',
          adjustmentKey: `gift-${pseudonym}`,
        });
        const plate = randomPlate();
        await bind(token, plate);
        await enter(rig, plate, minutesAgo(45));
        const overview = await send(server.url, 'GET', '/v1/me/parking', {
          headers: bearer(token),
        });
        const before = await server.services.pointsAccount.summary(pseudonym);

        const order = await sendJson(
          server.url,
          'POST',
          `/v1/me/parking/sessions/${overview.body.sessions[0].sessionId}/pay`,
          { points: 1000 },
          bearer(token),
        );

        expect(order.body).toMatchObject({
          dueFen: 600,
          pointsUsed: 300,
          pointsOffsetFen: 300,
          amountFen: 300,
        });
        await postNotification(server, pay.simulator.completePrepaidOrder(order.body.orderId));
        const after = await server.services.pointsAccount.summary(pseudonym);
        expect(after.balance).toBe(before.balance - 300);
      });

      it("refuses a stay that is not the member's with PARKING_SESSION_NOT_FOUND", async () => {
        const owner = await member();
        const other = await member();
        const plate = randomPlate();
        await bind(owner.token, plate);
        await enter(rig, plate, minutesAgo(45));
        const overview = await send(server.url, 'GET', '/v1/me/parking', {
          headers: bearer(owner.token),
        });

        const answer = await sendJson(
          server.url,
          'POST',
          `/v1/me/parking/sessions/${overview.body.sessions[0].sessionId}/pay`,
          {},
          bearer(other.token),
        );

        expect(answer.status).toBe(404);
        expect(answer.body.error.code).toBe('PARKING_SESSION_NOT_FOUND');
      });
    });
  },
);
