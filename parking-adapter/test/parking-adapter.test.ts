import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../server/src/server';
import {
  attachWechatPay,
  enter,
  ENTRY_CAMERA,
  EXIT_CAMERA,
  postNotification,
  randomPlate,
  setUpLot,
  type ParkingRig,
  type PayRig,
} from '../../server/test/parking/parking-kit';
import { sendJson } from '../../server/test/support/http-client';
import { bearer } from '../../server/test/support/member-flows';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { testMasterKeys, testServer } from '../../server/test/support/test-services';
import { parseAdapterConfig } from '../src/config';
import { createAdapterLogger } from '../src/logger';
import { startAdapter, type RunningAdapter } from '../src/parking-adapter';
import { cometPoll, decodeBase64, platePush, push, unixNow } from './support/camera';
import { startDelayProxy, type DelayProxy } from './support/delay-proxy';

let plateIds = 50_000;
const nextId = () => (plateIds += 1);

/** The push with Timeval.sec as the table gives it: a time, garbage, or left out. */
function withCameraSec(body: ReturnType<typeof platePush>, sec: number | string) {
  const timeval: Record<string, unknown> = body.AlarmInfoPlate.result.PlateResult.timeStamp.Timeval;
  if (sec === 'missing') delete timeval.sec;
  else timeval.sec = sec === 'now+1 day' ? unixNow(86_400) : sec;
  return body;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describeEachDatabase('parking adapter against the server (issue #7)', (database) => {
  const masterKeys = testMasterKeys();
  let port: number;
  let server: RunningServer | undefined;
  let rig: ParkingRig;
  let pay: PayRig;
  let proxy: DelayProxy;
  let adapter: RunningAdapter;
  let folder: string;

  const startServer = async () => {
    server = await testServer(database().url, { MASTER_KEYS: masterKeys, PORT: String(port) });
    return server;
  };

  beforeAll(async () => {
    port = await freePort();
    rig = await setUpLot(await startServer());
    pay = await attachWechatPay(rig.server);
    proxy = await startDelayProxy(() => `http://127.0.0.1:${port}`);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'parking-adapter-'));
    const config = parseAdapterConfig({
      serverUrl: proxy.url,
      deviceId: rig.adapter.deviceId,
      deviceSecret: rig.adapter.secret,
      host: '127.0.0.1',
      port: 0,
      dataFile: path.join(folder, 'adapter.sqlite'),
      commandPollMs: 100,
      retryMs: 100,
      cometHoldMs: 3000,
      logLevel: 'silent',
    });
    adapter = await startAdapter(config, createAdapterLogger('silent'));
    // A cold server (JIT, keys) may miss the budget once; the tests are about what follows.
    await push(
      adapter.url,
      platePush({ serial: ENTRY_CAMERA, plate: randomPlate(), plateid: nextId(), sec: unixNow() }),
    );
    await waitFor(() => adapter.status().backlog === 0 && adapter.connectivity.isUp);
  });

  afterAll(async () => {
    await adapter.stop();
    await proxy.stop();
    await pay.stop();
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const events = (key: string) =>
    (server as RunningServer).services.databases
      .core('parking_events')
      .where('event_key', 'like', key);

  describe('with the server answering', () => {
    it('opens the entry with the plate and a welcome on the LED and the speaker', async () => {
      const plate = randomPlate();

      const { reply } = await push(
        adapter.url,
        platePush({ serial: ENTRY_CAMERA, plate, plateid: nextId(), sec: unixNow() }),
      );

      expect(reply.info).toBe('ok');
      expect(decodeBase64(reply.serialData[0].data, 'gbk')).toBe(`${plate}\n欢迎光临`);
      expect(decodeBase64(reply.playserver_json_request.voice)).toBe(`${plate}，欢迎光临`);
    });

    it('answers a duplicate plateid with the same reply and tells the server once', async () => {
      const plateid = nextId();
      const body = platePush({
        serial: ENTRY_CAMERA,
        plate: randomPlate(),
        plateid,
        sec: unixNow(),
      });

      const first = await push(adapter.url, body);
      const second = await push(adapter.url, body);

      expect(second.reply).toEqual(first.reply);
      await waitFor(() => adapter.status().backlog === 0);
      expect(await events(`${ENTRY_CAMERA}:${plateid}:%`)).toHaveLength(1);
    });

    it('keeps the entry closed for "_无_" and asks to scan the QR code', async () => {
      const { reply } = await push(
        adapter.url,
        platePush({ serial: ENTRY_CAMERA, plate: '_无_', plateid: nextId(), sec: unixNow() }),
      );

      expect(reply.info).toBe('no');
      expect(decodeBase64(reply.serialData[0].data, 'gbk')).toBe('无牌车\n请扫码入场');
    });

    it('asks for the next record after isoffline: 1 and gives the record to the server', async () => {
      const plateid = nextId();

      const { reply } = await push(
        adapter.url,
        platePush({
          serial: ENTRY_CAMERA,
          plate: randomPlate(),
          plateid,
          sec: unixNow(-600),
          isoffline: 1,
        }),
      );
      await adapter.settle();

      expect(reply).toEqual({ ContinuePushOffline: { plateid, continue: 1 } });
      const [event] = await events(`${ENTRY_CAMERA}:${plateid}:%`);
      expect(event).toMatchObject({ decided_by: 'camera' });
    });

    it('hands an "open once" to the camera in the reply to its next comet poll', async () => {
      await push(
        adapter.url,
        platePush({ serial: ENTRY_CAMERA, plate: '_无_', plateid: nextId(), sec: unixNow() }),
      );
      const ticket = await sendJson(
        rig.server.url.replace(/:\d+$/, `:${port}`),
        'POST',
        '/v1/parking/tickets',
        {
          gate: rig.entryGate.code,
        },
      );
      expect(ticket.status).toBe(201);

      const reply = await cometPoll(adapter.url, ENTRY_CAMERA);

      expect(reply).toEqual({ info: 'ok' });
    });
  });

  describe('with a misread plate (lpr-camera-push.md: only "_无_" is a car without plates)', () => {
    it('keeps the entry closed for 粤B1234 and says the plate was not recognised (C-4.2.2.6)', async () => {
      const { reply } = await push(
        adapter.url,
        platePush({ serial: ENTRY_CAMERA, plate: '粤B1234', plateid: nextId(), sec: unixNow() }),
      );

      expect(reply.info).toBe('no');
      expect(decodeBase64(reply.serialData[0].data, 'gbk')).toBe('车牌识别失败\n请稍候');
      expect(decodeBase64(reply.playserver_json_request.voice)).toBe('车牌识别失败，请稍候');
    });
  });

  describe('with a camera clock that is off (C-4.2.2.6, design.md "Queued events")', () => {
    // Garbage ("abc", -5, 1e20, none at all) is a broken clock too: it must not stop the car.
    it.each([[0], [1e12], ['now+1 day'], ['abc'], [-5], [1e20], ['missing']])(
      'records the entry of 粤C11111 pushed with Timeval.sec %p at the receive time, flagged, so the exit finds the stay',
      async (sec) => {
        const entryId = nextId();
        const before = unixNow();

        const entry = await push(
          adapter.url,
          withCameraSec(
            platePush({ serial: ENTRY_CAMERA, plate: '粤C11111', plateid: entryId, sec: 0 }),
            sec,
          ),
        );
        const exit = await push(
          adapter.url,
          platePush({ serial: EXIT_CAMERA, plate: '粤C11111', plateid: nextId(), sec: unixNow() }),
        );

        expect(entry.reply.info).toBe('ok');
        const [event] = await events(`${ENTRY_CAMERA}:${entryId}:%`);
        expect(event).toMatchObject({ decided_by: 'server', reason: 'entry' });
        expect(Boolean(Number(event.camera_clock_off))).toBe(true);
        const recordedAt = Number(String(event.event_key).split(':').pop());
        expect(recordedAt).toBeGreaterThanOrEqual(before);
        expect(recordedAt).toBeLessThanOrEqual(unixNow());
        expect(exit.reply.info).toBe('ok');
        expect(decodeBase64(exit.reply.serialData[0].data, 'gbk')).toBe('粤C11111\n免费\n一路顺风');
        expect(adapter.status().deadLetters).toEqual([]);
      },
    );

    it('keeps the camera time of a cached record 70 h old (isoffline: 1)', async () => {
      const plateid = nextId();
      const sec = unixNow(-70 * 3600);

      await push(
        adapter.url,
        platePush({ serial: ENTRY_CAMERA, plate: randomPlate(), plateid, sec, isoffline: 1 }),
      );
      await adapter.settle();

      const [event] = await events(`${ENTRY_CAMERA}:${plateid}:${sec}`);
      expect(event).toMatchObject({ decided_by: 'camera' });
      expect(Boolean(Number(event.camera_clock_off))).toBe(false);
    });

    it('sends a cached record with Timeval.sec 0 at the receive time, flagged, and loses nothing', async () => {
      const plateid = nextId();

      await push(
        adapter.url,
        platePush({ serial: ENTRY_CAMERA, plate: randomPlate(), plateid, sec: 0, isoffline: 1 }),
      );
      await adapter.settle();

      const [event] = await events(`${ENTRY_CAMERA}:${plateid}:%`);
      expect(Boolean(Number(event.camera_clock_off))).toBe(true);
      expect(adapter.status()).toMatchObject({ backlog: 0, deadLetters: [] });
    });
  });

  describe('with the server refusing an event for good', () => {
    it('keeps the refused event as a dead letter in the status, never dropping it', async () => {
      const plateid = nextId();

      const { reply } = await push(
        adapter.url,
        platePush({ serial: 'CAM-NOT-HERE', plate: randomPlate(), plateid, sec: unixNow() }),
      );
      const health = await fetch(`${adapter.url}/healthz`).then((answer) => answer.text());

      expect(reply.info).toBe('no');
      const [letter] = adapter.status().deadLetters;
      expect(letter).toMatchObject({ error: 'PARKING_GATE_NOT_FOUND', attempts: 1 });
      expect(letter.eventKey.startsWith(`CAM-NOT-HERE:${plateid}:`)).toBe(true);
      expect(health).toContain(letter.eventKey);
      expect(health).not.toContain('粤');
      expect(adapter.status().backlog).toBe(0);
    });
  });

  describe('with the server slower than the 300 ms budget', () => {
    it('decides alone within the budget, then replays the event once', async () => {
      const plateid = nextId();
      proxy.delayMs = 800;

      const { reply, ms } = await push(
        adapter.url,
        platePush({ serial: ENTRY_CAMERA, plate: randomPlate(), plateid, sec: unixNow() }),
      );
      proxy.delayMs = 0;
      await waitFor(() => adapter.status().backlog === 0 && adapter.connectivity.isUp);

      expect(reply.info).toBe('ok');
      expect(ms).toBeLessThan(600);
      expect(await events(`${ENTRY_CAMERA}:${plateid}:%`)).toHaveLength(1);
    });
  });

  describe('with the server stopped', () => {
    it('lets a paid plate out, shows the pay QR to others, queues, and replays each once', async () => {
      const paid = randomPlate();
      const unpaid = randomPlate();
      await enter(rig, paid, new Date(Date.now() - 45 * 60_000));
      await enter(rig, unpaid, new Date(Date.now() - 45 * 60_000));
      await payAtKiosk(paid);
      expect(await adapter.refreshRules()).toBe(true);
      await (server as RunningServer).stop();
      server = undefined;

      const paidId = nextId();
      const unpaidId = nextId();
      const newcomerId = nextId();
      const out = await push(
        adapter.url,
        platePush({ serial: EXIT_CAMERA, plate: paid, plateid: paidId, sec: unixNow() }),
      );
      const held = await push(
        adapter.url,
        platePush({ serial: EXIT_CAMERA, plate: unpaid, plateid: unpaidId, sec: unixNow() }),
      );
      const inward = await push(
        adapter.url,
        platePush({
          serial: ENTRY_CAMERA,
          plate: randomPlate(),
          plateid: newcomerId,
          sec: unixNow(),
        }),
      );

      expect(out.reply.info).toBe('ok');
      expect(decodeBase64(out.reply.serialData[0].data, 'gbk')).toBe(`${paid}\n已缴费\n一路顺风`);
      expect(held.reply.info).toBe('no');
      expect(decodeBase64(held.reply.serialData[0].data, 'gbk')).toBe(`${unpaid}\n请扫码缴费`);
      expect(inward.reply.info).toBe('ok');
      expect(adapter.status()).toMatchObject({ serverUp: false, backlog: 3 });

      const restarted = await startServer();
      await waitFor(() => adapter.status().backlog === 0);

      for (const id of [paidId, unpaidId, newcomerId])
        expect(await events(`%:${id}:%`)).toHaveLength(1);
      const [paidEvent] = await events(`${EXIT_CAMERA}:${paidId}:%`);
      expect(paidEvent).toMatchObject({ decided_by: 'adapter' });
      const stay = await restarted.services.parking.sessions.find(paidEvent.session_id);
      expect(stay).toMatchObject({ status: 'closed', exitOutcome: 'paid' });
    });

    it('keeps no plate in plain text in its own SQLite file', async () => {
      const file = path.join(folder, 'adapter.sqlite');
      const bytes = Buffer.concat(
        [file, `${file}-wal`]
          .filter((part) => fs.existsSync(part))
          .map((part) => fs.readFileSync(part)),
      );

      expect(bytes.includes(Buffer.from('粤', 'utf8'))).toBe(false);
    });
  });

  async function payAtKiosk(plate: string): Promise<void> {
    const base = `http://127.0.0.1:${port}`;
    const created = await sendJson(
      base,
      'POST',
      '/v1/admin/parking/kiosks',
      { lotId: rig.lotId, name: 'adapter test' },
      bearer(rig.staffToken),
    );
    const paired = await sendJson(base, 'POST', '/v1/parking/kiosk/pair', {
      pairingCode: created.body.pairingCode,
    });
    const order = await sendJson(
      base,
      'POST',
      '/v1/parking/kiosk/orders',
      { plate },
      { Authorization: `Kiosk ${paired.body.token}` },
    );
    const xml = pay.simulator.completePrepaidOrder(order.body.orderId);
    await postNotification(server as RunningServer, xml);
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
