import { attachDevWechatPay, type DevWechatPay } from '../../src/dev/dev-payments';
import type { RunningServer } from '../../src/server';
import { send, sendJson } from '../support/http-client';
import { bearer, signUpWithWechat } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import { enter, leave, minutesAgo, randomPlate, setUpLot, type ParkingRig } from './parking-kit';

const simulatePath = (orderId: string) => `/v1/dev/parking/orders/${orderId}/simulate-payment`;

describeEachDatabase(
  'simulated parking payment for browsers in development (C-4.2.2.6)',
  (database) => {
    describe('with the simulators and the WeChat Pay simulator attached', () => {
      let server: RunningServer;
      let rig: ParkingRig;
      let wechatPay: DevWechatPay;

      beforeAll(async () => {
        server = await testServer(database().url);
        rig = await setUpLot(server);
        wechatPay = await attachDevWechatPay(server);
      });

      afterAll(async () => {
        await server.stop();
      });

      afterEach(() => {
        jest.restoreAllMocks();
      });

      /** A member with a bound plate whose car came in 45 minutes ago: 6 yuan due. */
      async function pendingMemberOrder() {
        const { token } = await signUpWithWechat(server, { membership: true, parking: true });
        const plate = randomPlate();
        await sendJson(server.url, 'POST', '/v1/me/parking/plates', { plate }, bearer(token));
        await enter(rig, plate, minutesAgo(45));
        const overview = await send(server.url, 'GET', '/v1/me/parking', {
          headers: bearer(token),
        });
        const sessionId = overview.body.sessions[0].sessionId as string;
        const order = await sendJson(
          server.url,
          'POST',
          `/v1/me/parking/sessions/${sessionId}/pay`,
          { points: 0 },
          bearer(token),
        );
        if (order.body.status !== 'pending') throw new Error(`no pending order: ${order.text}`);
        return { plate, sessionId, orderId: order.body.orderId as string };
      }

      it('says simulated payment is available', async () => {
        const answer = await send(server.url, 'GET', '/v1/dev/info');

        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ simulatedPayment: true });
      });

      it('pays the order through the signed notification, once, and the exit opens', async () => {
        const { plate, sessionId, orderId } = await pendingMemberOrder();
        const notify = jest.spyOn(server.services.parking.payments, 'notify');

        const answer = await send(server.url, 'POST', simulatePath(orderId));

        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ orderId, status: 'paid' });
        expect(notify).toHaveBeenCalledTimes(1);
        const queried = wechatPay.simulator
          .calls()
          .filter((call) => call.api === 'orderquery' && call.outTradeNo === orderId);
        expect(queried).toEqual([]);
        const [atProvider] = wechatPay.simulator
          .orders()
          .filter((order) => order.outTradeNo === orderId);
        await expect(server.services.parking.payments.find(orderId)).resolves.toMatchObject({
          status: 'paid',
          transactionId: atProvider.transactionId,
        });

        const again = await send(server.url, 'POST', simulatePath(orderId));
        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('PARKING_ORDER_NOT_PENDING');
        const stay = await server.services.parking.sessions.find(sessionId);
        expect(stay?.paidFen).toBe(600);

        const { answer: exit } = await leave(rig, plate, minutesAgo(0));
        expect(exit.body).toMatchObject({ open: true, reason: 'paid' });
      });

      it('still pays, once, when the server refuses the notification (found by the query)', async () => {
        const { sessionId, orderId } = await pendingMemberOrder();
        jest
          .spyOn(server.services.parking.payments, 'notify')
          .mockRejectedValueOnce(new Error('database away for a moment'));

        const answer = await send(server.url, 'POST', simulatePath(orderId));

        expect(answer.body).toEqual({ orderId, status: 'paid' });
        const stay = await server.services.parking.sessions.find(sessionId);
        expect(stay?.paidFen).toBe(600);
      });

      it('answers PARKING_ORDER_NOT_FOUND for an order that does not exist', async () => {
        const answer = await send(server.url, 'POST', simulatePath('PK20990101NOSUCHORDER'));

        expect(answer.status).toBe(404);
        expect(answer.body.error.code).toBe('PARKING_ORDER_NOT_FOUND');
      });

      it('refuses an order id outside the out_trade_no alphabet with VALIDATION_FAILED', async () => {
        const answer = await send(server.url, 'POST', simulatePath('x'.repeat(33)));

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      });

      it('refuses a body: the route takes none', async () => {
        const { orderId } = await pendingMemberOrder();

        const answer = await sendJson(server.url, 'POST', simulatePath(orderId), { paid: true });

        expect(answer.status).toBe(400);
        await expect(server.services.parking.payments.find(orderId)).resolves.toMatchObject({
          status: 'pending',
        });
      });
    });

    describe('with the simulators on but no WeChat Pay simulator attached', () => {
      let server: RunningServer;

      beforeAll(async () => {
        server = await testServer(database().url);
      });

      afterAll(async () => {
        await server.stop();
      });

      it('says simulated payment is not available and refuses it', async () => {
        const info = await send(server.url, 'GET', '/v1/dev/info');
        const answer = await send(server.url, 'POST', simulatePath('PK20990101NOSUCHORDER'));

        expect(info.body).toEqual({ simulatedPayment: false });
        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('SIMULATED_PAYMENT_UNAVAILABLE');
      });
    });

    describe('with the simulators off (as in production)', () => {
      let server: RunningServer;

      beforeAll(async () => {
        server = await testServer(database().url, { SIMULATORS: 'off' });
      });

      afterAll(async () => {
        await server.stop();
      });

      it('has neither the dev info nor the simulated payment route', async () => {
        const info = await send(server.url, 'GET', '/v1/dev/info');
        const answer = await send(server.url, 'POST', simulatePath('PK20990101NOSUCHORDER'));

        expect(info.status).toBe(404);
        expect(answer.status).toBe(404);
        expect(answer.body.error.code).toBe('NOT_FOUND');
      });
    });
  },
);
