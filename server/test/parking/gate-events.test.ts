import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendSigned } from '../support/http-client';
import { testServer } from '../support/test-services';
import {
  EXIT_CAMERA,
  enter,
  gateEvent,
  leave,
  minutesAgo,
  randomPlate,
  setUpLot,
  type ParkingRig,
} from './parking-kit';

describeEachDatabase('parking gate decisions (C-4.2.2.6)', (database) => {
  let server: RunningServer;
  let rig: ParkingRig;

  beforeAll(async () => {
    server = await testServer(database().url);
    rig = await setUpLot(server);
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('a car with a readable plate', () => {
    it('opens the entry barrier, welcomes the plate and opens a stay', async () => {
      const plate = randomPlate();

      const { answer } = await enter(rig, plate, minutesAgo(5));

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ open: true, reason: 'entry', replayed: false });
      expect(answer.body.display).toEqual(['欢迎光临']);
      expect(answer.text).not.toContain(plate);
      expect(answer.body.voice).toContain('欢迎光临');
    });

    it('lets the car out free within the 15 free minutes and closes the stay', async () => {
      const plate = randomPlate();
      await enter(rig, plate, minutesAgo(14));

      const { answer } = await leave(rig, plate, minutesAgo(0));

      expect(answer.body).toMatchObject({ open: true, reason: 'free', feeFen: null });
      expect(answer.body.display).toContain('一路顺风');
    });

    it('keeps the exit closed and asks for the fee after 40 minutes (two started blocks)', async () => {
      const plate = randomPlate();
      await enter(rig, plate, minutesAgo(40));

      const { answer } = await leave(rig, plate, minutesAgo(0));

      expect(answer.body).toMatchObject({ open: false, reason: 'fee-due', feeFen: 600 });
      expect(answer.body.display).toEqual(['停车费6元', '请扫码缴费']);
      expect(answer.body.voice).toBe('请缴费6元');
    });

    it('matches the exit read after correcting O to 0 (plates never use O)', async () => {
      await enter(rig, '粤BO7321', minutesAgo(3));

      const { answer } = await leave(rig, '粤B07321', minutesAgo(0));

      expect(answer.body).toMatchObject({ open: true, reason: 'free' });
    });

    it.each([
      ['粤B12345', '粤B12345'],
      ['粤BD12345', '粤BD12345'],
      ['粤B12345D', '粤B12345D'],
      ['宁AD1234', '宁AD1234'],
      ['粤BO1234', '粤B01234'],
      ['粤b12345', '粤B12345'],
      ['粤B·I2345', '粤B12345'],
    ])(
      'matches the exit to the stay of the field-case read %s (normalised %s)',
      async (read, plate) => {
        await server.services.databases
          .core('parking_sessions')
          .where({ status: 'open', lot_id: rig.lotId })
          .update({ status: 'void', open_key: null });
        await enter(rig, read, minutesAgo(3));

        const { answer } = await leave(rig, plate, minutesAgo(0));

        expect(answer.body).toMatchObject({ open: true, reason: 'free' });
      },
    );

    it('treats a second read of the same car at the entry as the same stay', async () => {
      const plate = randomPlate();
      await enter(rig, plate, minutesAgo(10));

      const { answer } = await enter(rig, plate, minutesAgo(9));

      expect(answer.body).toMatchObject({ open: true, reason: 'entry-repeat' });
    });
  });

  describe('the same camera record twice', () => {
    it('applies it once and gives the first answer again', async () => {
      const plate = randomPlate();
      const first = await enter(rig, plate, minutesAgo(2), { recordId: 777001 });

      const again = await gateEvent(rig, first.event.cameraSerial, {
        plate,
        at: first.event.occurredAt,
        recordId: 777001,
        outcome: { opened: true },
      });

      expect(again.answer.body).toMatchObject({ open: true, reason: 'entry', replayed: true });
      const stays = await server.services.databases
        .core('parking_events')
        .where({ event_key: `${first.event.cameraSerial}:777001:${first.event.occurredAt}` });
      expect(stays).toHaveLength(1);
    });
  });

  describe('a car without a readable plate', () => {
    it.each([['_无_'], [null], ['无牌车']])(
      'keeps the barrier closed for %p and asks to scan the QR code (C-4.2.2.6)',
      async (read) => {
        const { answer } = await enter(rig, read, minutesAgo(0));

        expect(answer.body).toMatchObject({ open: false, reason: 'no-plate' });
        expect(answer.body.display).toEqual(['无牌车', '请扫码入场']);
      },
    );

    it.each([['粤B1234'], ['粤B12'], ['ABC12345']])(
      'keeps the barrier closed for the misread %p and says the plate was not recognised, not "no plate" (C-4.2.2.6)',
      async (read) => {
        for (const gate of [enter, leave]) {
          const { answer } = await gate(rig, read, minutesAgo(0));

          expect(answer.body).toMatchObject({ open: false, reason: 'unreadable' });
          expect(answer.body.display).toEqual(['车牌识别失败', '请稍候']);
          expect(answer.body.voice).toBe('车牌识别失败，请稍候');
        }
      },
    );
  });

  describe('an event whose camera clock was off (adapter receive time, C-4.2.2.6)', () => {
    it('records the event with cameraClockOff and opens the stay at that time', async () => {
      const plate = randomPlate();

      const { event, answer } = await enter(rig, plate, minutesAgo(0), { cameraClockOff: true });

      expect(answer.body).toMatchObject({ open: true, reason: 'entry' });
      const [stored] = await server.services.databases
        .core('parking_events')
        .where({ event_key: `${event.cameraSerial}:${event.recordId}:${event.occurredAt}` });
      expect(Boolean(Number(stored.camera_clock_off))).toBe(true);
      const normal = await enter(rig, randomPlate(), minutesAgo(0));
      const [plain] = await server.services.databases
        .core('parking_events')
        .where({
          event_key: `${normal.event.cameraSerial}:${normal.event.recordId}:${normal.event.occurredAt}`,
        });
      expect(Boolean(Number(plain.camera_clock_off))).toBe(false);
    });

    it.each([[0], [1e12], ['now+1 day']])(
      'still refuses occurredAt %p from a client that did not correct it, and records nothing',
      async (at) => {
        const occurredAt = at === 'now+1 day' ? Math.floor(Date.now() / 1000) + 86_400 : Number(at);

        const { event, answer } = await enter(rig, '粤C11111', new Date(0), { at: occurredAt });

        expect(answer.status).toBe(400);
        expect(['PARKING_EVENT_TIME_INVALID', 'VALIDATION_FAILED']).toContain(
          answer.body.error.code,
        );
        const stored = await server.services.databases
          .core('parking_events')
          .where('event_key', 'like', `${event.cameraSerial}:${event.recordId}:%`);
        expect(stored).toEqual([]);
      },
    );
  });

  describe('an exit read that matches no open stay exactly (field cases, "Plates")', () => {
    it('sends a read one character away to staff review and never merges it', async () => {
      await enter(rig, '粤B55231', minutesAgo(30));

      const { answer } = await leave(rig, '粤B55237', minutesAgo(0));

      expect(answer.body).toMatchObject({ open: false, reason: 'review' });
      const [review] = await server.services.databases
        .core('parking_reviews')
        .where({ reason: 'near-match', status: 'pending' });
      expect(JSON.parse(review.candidates)).toHaveLength(1);
      const stay = await server.services.databases
        .core('parking_sessions')
        .where({ id: JSON.parse(review.candidates)[0] })
        .first();
      expect(stay.status).toBe('open');
    });

    it('sends a read missing its new-energy character to review', async () => {
      await enter(rig, '粤BD66120', minutesAgo(30));

      const { answer } = await leave(rig, '粤B66120', minutesAgo(0));

      expect(answer.body).toMatchObject({ open: false, reason: 'review' });
    });

    it('sends a plate that never entered to review as no-entry', async () => {
      const { answer } = await leave(rig, randomPlate(), minutesAgo(0));

      expect(answer.body).toMatchObject({ open: false, reason: 'review' });
    });
  });

  describe('an event the adapter decided alone, replayed later', () => {
    it('closes the stay when the adapter let a paid car out although the server said pay', async () => {
      const plate = randomPlate();
      await enter(rig, plate, minutesAgo(50));
      const live = await leave(rig, plate, minutesAgo(1), { recordId: 880001 });
      expect(live.answer.body.open).toBe(false);

      const replay = await gateEvent(rig, EXIT_CAMERA, {
        plate,
        at: live.event.occurredAt,
        recordId: 880001,
        outcome: { opened: true },
      });

      expect(replay.answer.body).toMatchObject({ open: true, replayed: true });
      const stay = await server.services.databases
        .core('parking_sessions')
        .where({
          id: (
            await server.services.parking.events.find(
              `${EXIT_CAMERA}:880001:${live.event.occurredAt}`,
            )
          )?.sessionId,
        })
        .first();
      expect(stay).toMatchObject({ status: 'closed', exit_outcome: 'left-unpaid' });
    });

    it('opens a stay from an entry the server never saw (queued while it was away)', async () => {
      const plate = randomPlate();

      const { answer } = await enter(rig, plate, minutesAgo(20), { outcome: { opened: true } });
      const exit = await leave(rig, plate, minutesAgo(0));

      expect(answer.body.open).toBe(true);
      expect(exit.answer.body).toMatchObject({ open: false, feeFen: 300 });
    });

    it('records a camera-cached record (isoffline) as what happened', async () => {
      const plate = randomPlate();

      const { answer } = await enter(rig, plate, minutesAgo(60), { cameraOffline: true });

      expect(answer.body.open).toBe(true);
    });
  });

  describe('refusals', () => {
    it('refuses an event older than 72 hours with PARKING_EVENT_TIME_INVALID', async () => {
      const { answer } = await enter(rig, randomPlate(), minutesAgo(72 * 60 + 5));

      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('PARKING_EVENT_TIME_INVALID');
    });

    it('refuses a camera registered to another adapter with PARKING_GATE_NOT_FOUND', async () => {
      const other = await server.services.devices.register('other adapter', 'parking');
      const body = {
        cameraSerial: EXIT_CAMERA,
        recordId: 1,
        occurredAt: Math.floor(Date.now() / 1000),
        plate: randomPlate(),
      };

      const answer = await sendSigned(server.url, other, 'POST', '/v1/parking/gate-events', body, {
        'Idempotency-Key': 'other-1',
      });

      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('PARKING_GATE_NOT_FOUND');
    });

    it('refuses a till (pos device) with DEVICE_KIND_FORBIDDEN', async () => {
      const till = await server.services.devices.register('till', 'pos');

      const answer = await sendSigned(
        server.url,
        till,
        'GET',
        '/v1/parking/offline-rules',
        undefined,
      );

      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('DEVICE_KIND_FORBIDDEN');
    });
  });
});
