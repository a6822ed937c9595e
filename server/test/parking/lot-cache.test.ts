import { DeviceRepository } from '../../src/devices/device-repository';
import { ParkingLotRepository } from '../../src/parking/lot-repository';
import { LOT_CACHE_BOUND_MS, ParkingLotService } from '../../src/parking/lot-service';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { ENTRY_CAMERA, FIELD_CASE_TARIFF, useLot } from './parking-kit';

/**
 * Two servers behind a load balancer (design.md): the running server takes the admin change,
 * and a second ParkingLotService over the same database, on a clock the test moves, stands for
 * the other server's process.
 */
describeEachDatabase('parking lot and gate caches across servers (C-4.2.2.6)', (database) => {
  const rig = useLot(database);

  function otherServer(startAt = 1_000_000) {
    const clock = { now: startAt };
    const knex = rig.server.services.databases.core;
    const repository = new ParkingLotRepository(knex);
    const lots = new ParkingLotService(
      repository,
      new DeviceRepository(knex),
      rig.server.services.cipher,
      () => clock.now,
    );
    return { lots, repository, clock };
  }

  const changeTariff = (blockFen: number) =>
    sendJson(
      rig.server.url,
      'PATCH',
      `/v1/admin/parking/lots/${rig.lotId}`,
      { tariff: { ...FIELD_CASE_TARIFF, blockFen } },
      bearer(rig.staffToken),
    );

  describe('a tariff changed through the admin API on one server', () => {
    afterEach(async () => {
      await changeTariff(FIELD_CASE_TARIFF.blockFen);
    });

    it('is used by the server that took the change at once', async () => {
      await rig.server.services.parking.lots.lot(rig.lotId);

      const answer = await changeTariff(500);

      expect(answer.body.tariff.blockFen).toBe(500);
      await expect(rig.server.services.parking.lots.lot(rig.lotId)).resolves.toMatchObject({
        tariff: { blockFen: 500 },
      });
    });

    it('reaches another server within LOT_CACHE_BOUND_MS and not later', async () => {
      const other = otherServer();
      await other.lots.lot(rig.lotId);

      await changeTariff(500);

      other.clock.now += LOT_CACHE_BOUND_MS - 1;
      expect((await other.lots.lot(rig.lotId)).tariff.blockFen).toBe(FIELD_CASE_TARIFF.blockFen);
      other.clock.now += 1;
      expect((await other.lots.lot(rig.lotId)).tariff.blockFen).toBe(500);
    });
  });

  describe('gate lookups for camera pushes', () => {
    it('finds a gate added on another server at the first push (misses are not kept)', async () => {
      const other = otherServer();
      await expect(
        other.lots.gateOfDevice('CAM-LATE-01', rig.adapter.deviceId),
      ).rejects.toMatchObject({ code: 'PARKING_GATE_NOT_FOUND' });

      await sendJson(
        rig.server.url,
        'POST',
        `/v1/admin/parking/lots/${rig.lotId}/gates`,
        {
          name: 'late entry',
          direction: 'entry',
          cameraSerial: 'CAM-LATE-01',
          deviceId: rig.adapter.deviceId,
        },
        bearer(rig.staffToken),
      );

      await expect(
        other.lots.gateOfDevice('CAM-LATE-01', rig.adapter.deviceId),
      ).resolves.toMatchObject({ cameraSerial: 'CAM-LATE-01' });
    });

    // Before the fix an expired gate was read again but never cached again: every later push
    // went to the database.
    it('reads the database once per bound, also after the first entry expired', async () => {
      const other = otherServer();
      const reads = jest.spyOn(other.repository, 'findGateBySerial');
      const push = () => other.lots.gateOfDevice(ENTRY_CAMERA, rig.adapter.deviceId);

      await push();
      other.clock.now += LOT_CACHE_BOUND_MS - 1;
      await push();
      other.clock.now += 1;
      await push();
      other.clock.now += 1;
      await push();

      expect(reads).toHaveBeenCalledTimes(2);
    });
  });
});
