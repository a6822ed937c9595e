import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { offlinePlateHash } from '../../src/parking/parking-plates';
import { toSqlDateTime } from '../../src/platform/db/sql-time';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase, type TestDatabase } from '../support/test-databases';
import { send, sendJson, sendSigned } from '../support/http-client';
import { bearer } from '../support/member-flows';
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

function databaseBytes(database: TestDatabase): Buffer {
  if (database.kind === 'sqlite') {
    const file = database.sqliteFile as string;
    return Buffer.concat(
      [file, `${file}-wal`]
        .filter((part) => fs.existsSync(part))
        .map((part) => fs.readFileSync(part)),
    );
  }
  const url = new URL(database.url);
  const dumper = ['/usr/bin/mariadb-dump', '/usr/bin/mysqldump'].find((path) =>
    fs.existsSync(path),
  );
  return execFileSync(
    dumper as string,
    [
      '-h',
      url.hostname,
      '-P',
      url.port || '3306',
      '-u',
      decodeURIComponent(url.username),
      '--skip-extended-insert',
      database.mysqlDatabase as string,
    ],
    { env: { ...process.env, MYSQL_PWD: decodeURIComponent(url.password) }, maxBuffer: 1 << 26 },
  );
}

describeEachDatabase(
  'parking operations: tickets, reviews, offline rules, retention',
  (database) => {
    let server: RunningServer;
    let rig: ParkingRig;
    let pay: PayRig;
    const platesSeen: string[] = [];

    beforeAll(async () => {
      server = await testServer(database().url);
      rig = await setUpLot(server);
      pay = await attachWechatPay(server);
    });

    afterAll(async () => {
      await pay.stop();
      await server.stop();
    });

    function plate(): string {
      const value = randomPlate();
      platesSeen.push(value);
      return value;
    }

    const commands = async () =>
      (await sendSigned(server.url, rig.adapter, 'GET', '/v1/parking/gate-commands', undefined))
        .body.commands as Array<{ id: string; kind: string; reason: string; cameraSerial: string }>;

    describe('a car without a plate (ticket by QR code)', () => {
      it('refuses a ticket when no such car waits at the barrier (PARKING_NO_CAR_WAITING)', async () => {
        const answer = await sendJson(server.url, 'POST', '/v1/parking/tickets', {
          gate: rig.entryGate.code,
        });

        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('PARKING_NO_CAR_WAITING');
      });

      it('gets a ticket and the entry barrier opens once through the adapter', async () => {
        await enter(rig, '_无_', minutesAgo(0));

        const ticket = await sendJson(server.url, 'POST', '/v1/parking/tickets', {
          gate: rig.entryGate.code,
        });

        expect(ticket.status).toBe(201);
        const [open] = (await commands()).filter((command) => command.reason === 'ticket-entry');
        expect(open).toMatchObject({ kind: 'open', cameraSerial: 'CAM-IN-01' });
        const delivered = await sendSigned(
          server.url,
          rig.adapter,
          'POST',
          `/v1/parking/gate-commands/${open.id}/delivered`,
          undefined,
          { 'Idempotency-Key': `delivered-${open.id}` },
        );
        expect(delivered.body.delivered).toBe(true);
        expect((await commands()).map((command) => command.id)).not.toContain(open.id);
      });

      it('pays at the exit in the mini-program and the exit barrier opens once', async () => {
        await enter(rig, '_无_', minutesAgo(0));
        const { body } = await sendJson(server.url, 'POST', '/v1/parking/tickets', {
          gate: rig.entryGate.code,
        });
        const stay = await server.services.databases
          .core('parking_sessions')
          .where({ kind: 'ticket', status: 'open' })
          .orderBy('created_at', 'desc')
          .first();
        await server.services.databases
          .core('parking_sessions')
          .where({ id: stay.id })
          .update({ entry_at: toSqlDateTime(minutesAgo(45)) });
        await leave(rig, '_无_', minutesAgo(0));

        const refused = await sendJson(
          server.url,
          'POST',
          `/v1/parking/tickets/${body.ticket}/exit`,
          {
            gate: rig.exitGate.code,
          },
        );
        const code = server.simulators!.wechat.issueLoginCode();
        const order = await sendJson(server.url, 'POST', `/v1/parking/tickets/${body.ticket}/pay`, {
          wechatCode: code,
        });
        await postNotification(server, pay.simulator.completePrepaidOrder(order.body.orderId));
        const opened = await sendJson(
          server.url,
          'POST',
          `/v1/parking/tickets/${body.ticket}/exit`,
          {
            gate: rig.exitGate.code,
          },
        );

        expect(refused.body).toEqual({ opened: false, dueFen: 600 });
        expect(order.body).toMatchObject({ status: 'pending', amountFen: 600 });
        expect(opened.body).toEqual({ opened: true, dueFen: 0 });
        expect((await commands()).some((command) => command.reason === 'ticket-exit')).toBe(true);
      });
    });

    describe('staff review of near matches', () => {
      it('shows the read and the candidates, and a match ends the stay at that exit', async () => {
        const entered = plate();
        const misread = `${entered.slice(0, -1)}${entered.endsWith('9') ? '8' : '9'}`;
        platesSeen.push(misread);
        await enter(rig, entered, minutesAgo(10));
        await leave(rig, misread, minutesAgo(0));

        const list = await send(server.url, 'GET', '/v1/admin/parking/reviews', {
          headers: bearer(rig.staffToken),
        });
        const review = list.body.reviews.find(
          (candidate: { plate: string }) => candidate.plate === misread,
        );
        expect(review).toMatchObject({ reason: 'near-match', carLeft: false });
        expect(review.candidates).toEqual([expect.objectContaining({ plate: entered })]);

        const resolved = await sendJson(
          server.url,
          'POST',
          `/v1/admin/parking/reviews/${review.reviewId}/resolve`,
          { sessionId: review.candidates[0].sessionId, openGate: false },
          bearer(rig.staffToken),
        );

        expect(resolved.body).toMatchObject({ status: 'matched', dueFen: 0 });
        const stay = await server.services.parking.sessions.find(review.candidates[0].sessionId);
        expect(stay?.status).toBe('closed');
        expect((await commands()).some((command) => command.reason === 'staff-review')).toBe(true);
      });

      it('refuses to resolve a review twice (PARKING_REVIEW_RESOLVED)', async () => {
        await leave(rig, plate(), minutesAgo(0));
        const list = await send(server.url, 'GET', '/v1/admin/parking/reviews', {
          headers: bearer(rig.staffToken),
        });
        const { reviewId } = list.body.reviews[0];
        const resolve = () =>
          sendJson(
            server.url,
            'POST',
            `/v1/admin/parking/reviews/${reviewId}/resolve`,
            { sessionId: null },
            bearer(rig.staffToken),
          );

        await resolve();
        const again = await resolve();

        expect(again.body.error.code).toBe('PARKING_REVIEW_RESOLVED');
      });
    });

    describe('offline rules for the adapter', () => {
      it('holds keyed hashes of paid stays within grace, and no plate', async () => {
        const paid = plate();
        await enter(rig, paid, minutesAgo(45));
        const created = await sendJson(
          server.url,
          'POST',
          '/v1/admin/parking/kiosks',
          { lotId: rig.lotId, name: 'rules' },
          bearer(rig.staffToken),
        );
        const { body: kiosk } = await sendJson(server.url, 'POST', '/v1/parking/kiosk/pair', {
          pairingCode: created.body.pairingCode,
        });
        const order = await sendJson(
          server.url,
          'POST',
          '/v1/parking/kiosk/orders',
          { plate: paid },
          { Authorization: `Kiosk ${kiosk.token}` },
        );
        await postNotification(server, pay.simulator.completePrepaidOrder(order.body.orderId));

        const rules = await sendSigned(
          server.url,
          rig.adapter,
          'GET',
          '/v1/parking/offline-rules',
          undefined,
        );

        const [lot] = rules.body.lots;
        expect(lot).toMatchObject({ lotId: rig.lotId, unknownEntry: 'open' });
        expect(lot.gates).toHaveLength(2);
        const hash = offlinePlateHash(Buffer.from(lot.hashKey, 'base64'), paid);
        expect(lot.paid.map((entry: { plateHash: string }) => entry.plateHash)).toContain(hash);
        expect(rules.text).not.toContain(paid);
      });
    });

    describe('retention (D-7.1)', () => {
      it('anonymises closed stays of non-members after the retention period', async () => {
        const gone = plate();
        await enter(rig, gone, minutesAgo(14));
        await leave(rig, gone, minutesAgo(1));
        const stay = await server.services.databases
          .core('parking_sessions')
          .where({ status: 'closed', exit_gate_id: rig.exitGate.id })
          .whereNotNull('plate_index')
          .orderBy('created_at', 'desc')
          .first();
        await server.services.databases
          .core('parking_sessions')
          .where({ id: stay.id })
          .update({ updated_at: toSqlDateTime(new Date(Date.now() - 31 * 86_400_000)) });

        const run = await sendJson(
          server.url,
          'POST',
          '/v1/admin/parking/retention/run',
          {},
          bearer(rig.staffToken),
        );

        expect(run.body.anonymised).toBeGreaterThanOrEqual(1);
        const after = await server.services.databases
          .core('parking_sessions')
          .where({ id: stay.id })
          .first();
        expect(after).toMatchObject({ plate_index: null, plate_enc: null, pseudonym: null });
        expect(String(after.entry_at)).toMatch(/:00:00\.000$/);
      });
    });

    describe('at rest (S-5.3a, U-6.2)', () => {
      it('keeps no plate in plain text anywhere in the database', async () => {
        expect(platesSeen.length).toBeGreaterThan(3);
        const bytes = databaseBytes(database());

        for (const seen of platesSeen)
          expect(bytes.includes(Buffer.from(seen, 'utf8'))).toBe(false);
      });
    });
  },
);
