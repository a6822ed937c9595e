import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { testServer } from '../support/test-services';
import { enter, leave, randomPlate, setUpLot, shanghai, type ParkingRig } from './parking-kit';
import { formatShanghaiLocalTime } from '@memberkit/shared';

describeEachDatabase('parking set-up by staff (C-4.2.2.6, S-5.3b)', (database) => {
  let server: RunningServer;
  let rig: ParkingRig;

  beforeAll(async () => {
    server = await testServer(database().url);
    rig = await setUpLot(server);
  });

  afterAll(async () => {
    await server.stop();
  });

  const patchLot = (body: object, token = rig.staffToken) =>
    sendJson(server.url, 'PATCH', `/v1/admin/parking/lots/${rig.lotId}`, body, bearer(token));

  it('refuses a tariff that could price a stay wrongly with PARKING_TARIFF_INVALID', async () => {
    const answer = await sendJson(
      server.url,
      'POST',
      '/v1/admin/parking/lots',
      {
        name: 'bad',
        tariff: {
          freeMinutes: 15,
          blockMinutes: 30,
          blockFen: 300,
          night: { start: '22:00', end: '22:00', blockFen: 100 },
        },
      },
      bearer(rig.staffToken),
    );

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('PARKING_TARIFF_INVALID');
  });

  it('changes only the policy fields given', async () => {
    const answer = await patchLot({ policy: { graceMinutesAfterPayment: 20 } });

    expect(answer.body.policy).toMatchObject({
      graceMinutesAfterPayment: 20,
      offlineUnknownEntry: 'open',
      nonMemberRetentionDays: 30,
    });
  });

  it('prices blocks that start at night with the night rate (Asia/Shanghai)', async () => {
    await patchLot({
      tariff: {
        freeMinutes: 15,
        blockMinutes: 30,
        blockFen: 300,
        night: { start: '22:00', end: '07:00', blockFen: 100 },
      },
    });
    const day = formatShanghaiLocalTime(new Date(Date.now() - 86_400_000)).slice(0, 10);
    const plate = randomPlate();
    await enter(rig, plate, shanghai(`${day} 21:30:00`));

    const { answer } = await leave(rig, plate, shanghai(`${day} 22:30:00`));

    expect(answer.body.feeFen).toBe(400);
    await patchLot({
      tariff: { freeMinutes: 15, blockMinutes: 30, blockFen: 300, capFenPer24h: 3000 },
    });
  });

  it('prints the QR sticker of a gate: a URL with the gate code and nothing else', async () => {
    const answer = await send(
      server.url,
      'GET',
      `/v1/admin/parking/gates/${rig.entryGate.id}/qr.svg`,
      {
        headers: bearer(rig.staffToken),
      },
    );

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('image/svg+xml');
    expect(answer.text).toContain('<svg');
  });

  it('refuses staff of another role with STAFF_ROLE_FORBIDDEN', async () => {
    const marketing = await server.services.staff.add('m', 'marketing');

    const answer = await patchLot({ policy: {} }, marketing.token);

    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
  });

  const addGate = (gate: object) =>
    sendJson(
      server.url,
      'POST',
      `/v1/admin/parking/lots/${rig.lotId}/gates`,
      gate,
      bearer(rig.staffToken),
    );

  it('refuses a gate served by a device that is not a parking adapter (400 PARKING_GATE_DEVICE_INVALID)', async () => {
    const till = await server.services.devices.register('till', 'pos');

    const answer = await addGate({
      name: 'x',
      direction: 'entry',
      cameraSerial: 'CAM-X',
      deviceId: till.deviceId,
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'PARKING_GATE_DEVICE_INVALID',
      details: { field: 'deviceId', reason: 'not-parking' },
    });
  });

  // A newcomer's first gate: the camera serial typed where the adapter's device id belongs.
  // Staff are signed in, so 401 DEVICE_UNKNOWN read as "your login failed".
  it('refuses an unknown device id with 400 PARKING_GATE_DEVICE_INVALID naming deviceId, and adds no gate', async () => {
    const answer = await addGate({
      name: '东门入口',
      direction: 'entry',
      cameraSerial: 'CAM-IN-02',
      deviceId: 'CAM-IN-02',
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'PARKING_GATE_DEVICE_INVALID',
      details: { field: 'deviceId', reason: 'unknown' },
    });
    await expect(server.services.parking.lots.gatesOfLot(rig.lotId)).resolves.toHaveLength(2);
  });

  it('refuses a revoked parking adapter with PARKING_GATE_DEVICE_INVALID', async () => {
    const adapter = await server.services.devices.register('old adapter', 'parking');
    await server.services.devices.revoke(adapter.deviceId);

    const answer = await addGate({
      name: 'y',
      direction: 'exit',
      cameraSerial: 'CAM-Y',
      deviceId: adapter.deviceId,
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toMatchObject({ field: 'deviceId', reason: 'revoked' });
  });
});
