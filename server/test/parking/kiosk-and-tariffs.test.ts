import { formatShanghaiLocalTime } from '@memberkit/shared';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson, sendSigned } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { testServer } from '../support/test-services';
import {
  attachWechatPay,
  enter,
  leave,
  minutesAgo,
  randomPlate,
  setUpLot,
  shanghai,
  type ParkingRig,
  type PayRig,
} from './parking-kit';

/** Yesterday in Asia/Shanghai, so the camera times stay inside the 72-hour window. */
function yesterday(): string {
  return formatShanghaiLocalTime(new Date(Date.now() - 86_400_000)).slice(0, 10);
}

describeEachDatabase('parking tariffs at the gate and pay kiosks (C-4.2.2.6)', (database) => {
  let server: RunningServer;
  let rig: ParkingRig;
  let pay: PayRig;

  beforeAll(async () => {
    server = await testServer(database().url);
    rig = await setUpLot(server);
    pay = await attachWechatPay(server);
  });

  afterAll(async () => {
    await pay.stop();
    await server.stop();
  });

  describe('the field-case tariff boundaries, timed by the camera in Asia/Shanghai', () => {
    it.each([
      ['10:15:00', 0],
      ['10:30:00', 300],
      ['11:00:00', 600],
      ['10:14:59', 0],
      ['10:30:01', 600],
    ])('charges a stay from 10:00:00 to %s %i fen', async (exitTime, fen) => {
      const plate = randomPlate();
      await enter(rig, plate, shanghai(`${yesterday()} 10:00:00`));

      const { answer } = await leave(rig, plate, shanghai(`${yesterday()} ${exitTime}`));

      expect(answer.body.open).toBe(fen === 0);
      expect(answer.body.feeFen ?? 0).toBe(fen);
    });
  });

  async function pairKiosk(): Promise<string> {
    const created = await sendJson(
      server.url,
      'POST',
      '/v1/admin/parking/kiosks',
      { lotId: rig.lotId, name: 'B1 电梯厅' },
      bearer(rig.staffToken),
    );
    const paired = await sendJson(server.url, 'POST', '/v1/parking/kiosk/pair', {
      pairingCode: created.body.pairingCode,
    });
    expect(paired.status).toBe(200);
    return paired.body.token;
  }

  const kiosk = (token: string) => ({ Authorization: `Kiosk ${token}` });

  describe('a paired kiosk', () => {
    it('serves its page', async () => {
      const page = await send(server.url, 'GET', '/parking/kiosk');

      expect(page.status).toBe(200);
      expect(page.text).toContain('停车缴费');
    });

    it('pairs once: the same pairing code again is PARKING_PAIRING_CODE_INVALID', async () => {
      const created = await sendJson(
        server.url,
        'POST',
        '/v1/admin/parking/kiosks',
        { lotId: rig.lotId, name: 'B2' },
        bearer(rig.staffToken),
      );
      await sendJson(server.url, 'POST', '/v1/parking/kiosk/pair', {
        pairingCode: created.body.pairingCode,
      });

      const again = await sendJson(server.url, 'POST', '/v1/parking/kiosk/pair', {
        pairingCode: created.body.pairingCode,
      });

      expect(again.body.error.code).toBe('PARKING_PAIRING_CODE_INVALID');
    });

    it('quotes the fee of a typed plate and nothing else (no entry time)', async () => {
      const token = await pairKiosk();
      const plate = randomPlate();
      await enter(rig, plate, minutesAgo(45));

      const quote = await sendJson(
        server.url,
        'POST',
        '/v1/parking/kiosk/quote',
        { plate },
        kiosk(token),
      );

      expect(quote.body).toEqual({ status: 'fee-due', dueFen: 600 });
      expect(quote.text).not.toMatch(/entry|T\d\d:\d\d/);
    });

    it('answers not-found for a plate that is not parked here', async () => {
      const token = await pairKiosk();

      const quote = await sendJson(
        server.url,
        'POST',
        '/v1/parking/kiosk/quote',
        { plate: randomPlate() },
        kiosk(token),
      );

      expect(quote.body).toEqual({ status: 'not-found', dueFen: 0 });
    });

    it('takes a NATIVE payment by QR code; the car refused at the exit is read again', async () => {
      const token = await pairKiosk();
      const plate = randomPlate();
      await enter(rig, plate, minutesAgo(45));
      const refused = await leave(rig, plate, minutesAgo(1));
      expect(refused.answer.body.open).toBe(false);

      const order = await sendJson(
        server.url,
        'POST',
        '/v1/parking/kiosk/orders',
        { plate },
        kiosk(token),
      );
      expect(order.body).toMatchObject({ status: 'pending', amountFen: 600 });
      expect(order.body.qrSvg).toContain('<svg');
      pay.simulator.completePrepaidOrder(order.body.orderId);
      const status = await send(
        server.url,
        'GET',
        `/v1/parking/kiosk/orders/${order.body.orderId}`,
        {
          headers: kiosk(token),
        },
      );

      expect(status.body.status).toBe('paid');
      const commands = await sendSigned(
        server.url,
        rig.adapter,
        'GET',
        '/v1/parking/gate-commands',
        undefined,
      );
      expect(commands.body.commands).toContainEqual(
        expect.objectContaining({ kind: 'trigger', reason: 'paid' }),
      );
      const exit = await leave(rig, plate, minutesAgo(0));
      expect(exit.answer.body).toMatchObject({ open: true, reason: 'paid' });
    });

    it('stops working when revoked (PARKING_KIOSK_TOKEN_INVALID)', async () => {
      const created = await sendJson(
        server.url,
        'POST',
        '/v1/admin/parking/kiosks',
        { lotId: rig.lotId, name: 'B3' },
        bearer(rig.staffToken),
      );
      const paired = await sendJson(server.url, 'POST', '/v1/parking/kiosk/pair', {
        pairingCode: created.body.pairingCode,
      });
      await sendJson(
        server.url,
        'POST',
        `/v1/admin/parking/kiosks/${created.body.kioskId}/revoke`,
        {},
        bearer(rig.staffToken),
      );

      const quote = await sendJson(
        server.url,
        'POST',
        '/v1/parking/kiosk/quote',
        { plate: randomPlate() },
        kiosk(paired.body.token),
      );

      expect(quote.status).toBe(401);
      expect(quote.body.error.code).toBe('PARKING_KIOSK_TOKEN_INVALID');
    });

    it('is rate limited, so a kiosk cannot be used to look up many plates', async () => {
      const token = await pairKiosk();
      const answers = [];
      for (let count = 0; count < 32; count += 1) {
        answers.push(
          await sendJson(
            server.url,
            'POST',
            '/v1/parking/kiosk/quote',
            { plate: randomPlate() },
            kiosk(token),
          ),
        );
      }

      expect(answers.at(-1)?.body.error.code).toBe('RATE_LIMITED');
    });
  });
});
