import { attachDevWechatPay, type DevWechatPay } from '../../src/dev/dev-payments';
import type { RunningServer } from '../../src/server';
import { send, sendJson } from '../support/http-client';
import { bearer, signUpWithWechat } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import { enter, minutesAgo, randomPlate, setUpLot, type ParkingRig } from './parking-kit';

/**
 * C-4.1.4b at the parking payment: with the WeChat Pay supplier code configured but the
 * supplier not in the register, no order may leave for the provider. The register's own 409
 * reaches the caller (not a 502 "payment failed", which reads as "try again later"), and no
 * order is left waiting.
 */
describeEachDatabase(
  'parking payment held back by the supplier register (C-4.1.4b)',
  (database) => {
    let server: RunningServer;
    let rig: ParkingRig;
    let wechatPay: DevWechatPay;

    beforeAll(async () => {
      server = await testServer(database().url, { WECHAT_PAY_SUPPLIER_CODE: 'unlisted-pay' });
      rig = await setUpLot(server);
      wechatPay = await attachDevWechatPay(server);
    });

    afterAll(async () => {
      await server.stop();
    });

    const ordersAtProvider = (orderNumbers: string[]) =>
      wechatPay.simulator.orders().filter((order) => orderNumbers.includes(order.outTradeNo));

    // Each suite has its own database: every order in it is one these tests tried to start.
    const allOrders = () => server.services.databases.core('parking_orders').select('id', 'status');

    it('answers the kiosk with 409 SUPPLIER_NOT_REGISTERED and leaves no pending order (C-4.1.4b)', async () => {
      const plate = randomPlate();
      await enter(rig, plate, minutesAgo(45));
      const token = await pairKiosk();

      const order = await sendJson(
        server.url,
        'POST',
        '/v1/parking/kiosk/orders',
        { plate },
        { Authorization: `Kiosk ${token}` },
      );

      expect(order.status).toBe(409);
      expect(order.body.error.code).toBe('SUPPLIER_NOT_REGISTERED');
      const orders = await allOrders();
      expect(orders.every((row) => row.status !== 'pending')).toBe(true);
      expect(ordersAtProvider(orders.map((row) => String(row.id)))).toEqual([]);
    });

    it('answers the mini-program with 409 SUPPLIER_NOT_REGISTERED, not PARKING_PAYMENT_FAILED (C-4.1.4b)', async () => {
      const { token } = await signUpWithWechat(server, { membership: true, parking: true });
      const plate = randomPlate();
      await sendJson(server.url, 'POST', '/v1/me/parking/plates', { plate }, bearer(token));
      await enter(rig, plate, minutesAgo(45));
      const overview = await send(server.url, 'GET', '/v1/me/parking', { headers: bearer(token) });
      const sessionId = overview.body.sessions[0].sessionId as string;

      const order = await sendJson(
        server.url,
        'POST',
        `/v1/me/parking/sessions/${sessionId}/pay`,
        { points: 0 },
        bearer(token),
      );

      expect(order.status).toBe(409);
      expect(order.body.error.code).toBe('SUPPLIER_NOT_REGISTERED');
      const orders = await allOrders();
      expect(orders.every((row) => row.status !== 'pending')).toBe(true);
      expect(ordersAtProvider(orders.map((row) => String(row.id)))).toEqual([]);
    });

    async function pairKiosk(): Promise<string> {
      const created = await sendJson(
        server.url,
        'POST',
        '/v1/admin/parking/kiosks',
        { lotId: rig.lotId, name: 'register test' },
        bearer(rig.staffToken),
      );
      const paired = await sendJson(server.url, 'POST', '/v1/parking/kiosk/pair', {
        pairingCode: created.body.pairingCode,
      });
      return paired.body.token as string;
    }
  },
);
