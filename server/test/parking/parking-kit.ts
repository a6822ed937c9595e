import crypto from 'node:crypto';
import { parseShanghaiLocalTime } from '@memberkit/shared';
import { WechatPayClient } from '../../src/integrations/wechat-pay/wechat-pay-client';
import { WechatPayParkingGateway } from '../../src/parking/payment-gateway';
import type { RunningServer } from '../../src/server';
import {
  startWechatPaySimulator,
  type WechatPaySimulator,
} from '../../simulators/wechat-pay-simulator';
import { send, sendJson, sendSigned } from '../support/http-client';
import { bearer } from '../support/member-flows';
import type { TestDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';

export const ENTRY_CAMERA = 'CAM-IN-01';
export const EXIT_CAMERA = 'CAM-OUT-01';

/** The field cases' example tariff: free up to 15 min, 3 yuan per started 30 min, 30 a day. */
export const FIELD_CASE_TARIFF = {
  freeMinutes: 15,
  blockMinutes: 30,
  blockFen: 300,
  capFenPer24h: 3000,
};

export interface ParkingRig {
  server: RunningServer;
  staffToken: string;
  adapter: { deviceId: string; secret: string };
  lotId: string;
  entryGate: { id: string; code: string };
  exitGate: { id: string; code: string };
}

/** A lot with one entry and one exit camera, served by one parking adapter. */
export async function setUpLot(server: RunningServer, policy: object = {}): Promise<ParkingRig> {
  const staff = await server.services.staff.add('parking desk', 'parking');
  const adapter = await server.services.devices.register('gate adapter', 'parking');
  const lot = await sendJson(
    server.url,
    'POST',
    '/v1/admin/parking/lots',
    { name: '万象城停车场', tariff: FIELD_CASE_TARIFF, policy },
    bearer(staff.token),
  );
  if (lot.status !== 201) throw new Error(`lot not created: ${lot.text}`);
  const gate = async (direction: 'entry' | 'exit', cameraSerial: string) => {
    const answer = await sendJson(
      server.url,
      'POST',
      `/v1/admin/parking/lots/${lot.body.id}/gates`,
      { name: `${direction} 1`, direction, cameraSerial, deviceId: adapter.deviceId },
      bearer(staff.token),
    );
    if (answer.status !== 201) throw new Error(`gate not created: ${answer.text}`);
    return { id: answer.body.id as string, code: answer.body.code as string };
  };
  return {
    server,
    staffToken: staff.token,
    adapter,
    lotId: lot.body.id,
    entryGate: await gate('entry', ENTRY_CAMERA),
    exitGate: await gate('exit', EXIT_CAMERA),
  };
}

/**
 * For a describeEachDatabase body: a test server with one lot (setUpLot) for the whole suite,
 * stopped after it. Read the rig's fields inside hooks and tests only.
 */
export function useLot(database: () => TestDatabase): ParkingRig {
  const rig = {} as ParkingRig;
  beforeAll(async () => {
    Object.assign(rig, await setUpLot(await testServer(database().url)));
  });
  afterAll(async () => {
    await rig.server?.stop();
  });
  return rig;
}

let recordIds = 1000;

export interface ReadOptions {
  plate: string | null;
  at: Date | number;
  recordId?: number;
  cameraOffline?: boolean;
  cameraClockOff?: boolean;
  outcome?: { opened: boolean };
}

/** A camera read as the adapter forwards it; returns the event and the server's answer. */
export async function gateEvent(rig: ParkingRig, camera: string, read: ReadOptions) {
  const event = {
    cameraSerial: camera,
    recordId: read.recordId ?? (recordIds += 1),
    occurredAt: typeof read.at === 'number' ? read.at : Math.floor(read.at.getTime() / 1000),
    plate: read.plate,
    ...(read.cameraOffline ? { cameraOffline: true } : {}),
    ...(read.cameraClockOff ? { cameraClockOff: true } : {}),
    ...(read.outcome ? { outcome: read.outcome } : {}),
  };
  const key = `${event.cameraSerial}:${event.recordId}:${event.occurredAt}${read.outcome ? ':r' : ''}`;
  const answer = await sendSigned(
    rig.server.url,
    rig.adapter,
    'POST',
    '/v1/parking/gate-events',
    event,
    {
      'Idempotency-Key': key,
    },
  );
  return { event, answer };
}

export const enter = (
  rig: ParkingRig,
  plate: string | null,
  at: Date,
  extra: Partial<ReadOptions> = {},
) => gateEvent(rig, ENTRY_CAMERA, { plate, at, ...extra });

export const leave = (
  rig: ParkingRig,
  plate: string | null,
  at: Date,
  extra: Partial<ReadOptions> = {},
) => gateEvent(rig, EXIT_CAMERA, { plate, at, ...extra });

/** Minutes before now: stays are timed by the camera, and recent enough for the 72 h rule. */
export function minutesAgo(minutes: number, now = Date.now()): Date {
  return new Date(Math.floor(now / 1000) * 1000 - minutes * 60_000);
}

export function shanghai(text: string): Date {
  return parseShanghaiLocalTime(text);
}

/** A random valid standard plate, so tests never collide on one lot. */
export function randomPlate(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const serial = Array.from({ length: 5 }, () => String(crypto.randomInt(10))).join('');
  return `粤${letters[crypto.randomInt(letters.length)]}${serial}`;
}

export interface PayRig {
  simulator: WechatPaySimulator;
  stop(): Promise<void>;
}

/** The WeChat Pay v2 simulator, and the real client pointed at it plugged into parking. */
export async function attachWechatPay(server: RunningServer): Promise<PayRig> {
  const credentials = {
    appId: server.services.config.wechat.appId,
    mchId: '1900000109',
    apiKey: '8b1a9953c4611296a827abf8c47804d7',
  };
  const simulator = await startWechatPaySimulator({ ...credentials, signType: 'MD5' });
  const client = new WechatPayClient({
    ...credentials,
    baseUrl: simulator.url,
    signType: 'MD5',
    clientCert: simulator.clientCertificate,
    tlsCa: simulator.caCertificate,
    pollIntervalMs: 20,
    deadlineMs: 300,
    timeoutMs: 2000,
  });
  server.services.parking.useGateway(
    new WechatPayParkingGateway(client, `${server.url}/v1/parking/payments/wechat/notify`),
  );
  return { simulator, stop: () => simulator.stop() };
}

/** WeChat Pay tells the server the order was paid, the way it POSTs XML to notify_url. */
export function postNotification(server: RunningServer, xml: string) {
  return send(server.url, 'POST', '/v1/parking/payments/wechat/notify', {
    body: xml,
    headers: { 'Content-Type': 'text/xml' },
  });
}
