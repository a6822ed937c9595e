import fs from 'node:fs';
import path from 'node:path';
import type { RunningServer } from '../server';

/** The demo car park's cameras; `npm start` prints them so a tester can push plates by hand. */
export const DEMO_ENTRY_CAMERA = 'DEMO-CAM-IN-01';
export const DEMO_EXIT_CAMERA = 'DEMO-CAM-OUT-01';
/** The store the demo campaigns and the demo till book to. */
export const DEMO_STORE = 'S01';

/** The field cases' tariff: free up to 15 min, 3 yuan per started 30 min, 30 a day. */
const DEMO_TARIFF = { freeMinutes: 15, blockMinutes: 30, blockFen: 300, capFenPer24h: 3000 };
/** C-4.2.2.6: spending 100 yuan at the till the same day parks two hours free. */
const DEMO_POLICY = { spendFreeHours: [{ minSpendFen: 10_000, freeHours: 2 }] };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a day at the demo mall needs beyond its members: staff, a till and a gate adapter, a car
 * park, a gift and a sample campaign, a survey and a points catalogue. Development only: the
 * tokens and secrets are written to one file (mode 0600) in the data directory, never printed.
 */
export interface DemoDayCredentials {
  staff: Record<'parking' | 'marketing' | 'operations' | 'privacyOfficer', string>;
  posDevice: { deviceId: string; secret: string };
  parkingDevice: { deviceId: string; secret: string };
  lot: { id: string; entryGateCode: string; exitGateCode: string };
  cameras: { entry: string; exit: string };
  campaigns: { gift: string; sample: string };
  survey: { token: string; questionIds: number[] };
  catalogueItemId: string;
}

export function demoCredentialsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-credentials.json');
}

/**
 * Idempotent: a data directory whose credentials still name a car park in the database keeps
 * them; otherwise (a fresh database, a lost file) everything is made again.
 */
export async function setUpDemoDay(running: RunningServer): Promise<DemoDayCredentials> {
  const file = demoCredentialsFile(running.services.config.dataDir);
  const existing = readCredentials(file);
  if (existing && (await lotExists(running, existing.lot.id))) return existing;

  const credentials = await createDemoDay(running);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return credentials;
}

function readCredentials(file: string): DemoDayCredentials | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoDayCredentials;
  } catch {
    return undefined;
  }
}

async function lotExists(running: RunningServer, lotId: string): Promise<boolean> {
  const lots = await running.services.parking.lots.listLots();
  return lots.some((lot) => lot.id === lotId);
}

async function createDemoDay(running: RunningServer): Promise<DemoDayCredentials> {
  const { staff, devices } = running.services;
  const tokens = {
    parking: (await staff.add('demo parking desk', 'parking')).token,
    marketing: (await staff.add('demo marketing', 'marketing')).token,
    operations: (await staff.add('demo operations', 'operations')).token,
    privacyOfficer: (await staff.add('demo privacy officer', 'privacy-officer')).token,
  };
  const posDevice = await devices.register('demo till 1', 'pos');
  const parkingDevice = await devices.register('demo gate adapter', 'parking');
  const admin = new AdminCalls(running.url);

  return {
    staff: tokens,
    posDevice,
    parkingDevice,
    lot: await createLot(admin, tokens.parking, parkingDevice.deviceId),
    cameras: { entry: DEMO_ENTRY_CAMERA, exit: DEMO_EXIT_CAMERA },
    campaigns: {
      gift: await createCampaign(admin, tokens.marketing, 'gift', '开业礼：帆布袋'),
      sample: await createCampaign(admin, tokens.marketing, 'sample', '新品香氛小样'),
    },
    survey: await createSurvey(admin, tokens.marketing),
    catalogueItemId: await createCatalogueItem(admin, tokens.operations),
  };
}

async function createLot(admin: AdminCalls, token: string, deviceId: string) {
  const lot = await admin.post(token, '/v1/admin/parking/lots', {
    name: '示例广场地下停车场',
    tariff: DEMO_TARIFF,
    policy: DEMO_POLICY,
  });
  const gate = (direction: 'entry' | 'exit', cameraSerial: string) =>
    admin.post(token, `/v1/admin/parking/lots/${lot.id}/gates`, {
      name: direction === 'entry' ? '东入口' : '东出口',
      direction,
      cameraSerial,
      deviceId,
    });
  const entry = await gate('entry', DEMO_ENTRY_CAMERA);
  const exit = await gate('exit', DEMO_EXIT_CAMERA);
  return { id: String(lot.id), entryGateCode: String(entry.code), exitGateCode: String(exit.code) };
}

/** C-4.2.2.3 / C-4.2.2.4: a name for the hand-over, a phone only if the shopper wants a text. */
async function createCampaign(
  admin: AdminCalls,
  token: string,
  kind: 'gift' | 'sample',
  title: string,
): Promise<string> {
  const created = await admin.post(token, '/v1/admin/campaigns', {
    kind,
    title,
    stock: 100,
    perMemberLimit: 1,
    startsAt: new Date(Date.now() - DAY_MS).toISOString(),
    endsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    stores: [DEMO_STORE],
    collects: [
      { field: 'name', purpose: 'membership', required: true, why: '领取时核对领取人' },
      { field: 'phone', purpose: 'membership', required: false, why: '到货时短信通知' },
    ],
  });
  return String(created.codes[0].token);
}

/** C-4.2.2.5: a short satisfaction survey without identifying questions. */
async function createSurvey(admin: AdminCalls, token: string) {
  const created = await admin.post(token, '/v1/admin/surveys', {
    title: '购物满意度调查',
    intro: '约 1 分钟',
    questions: [
      { kind: 'single', prompt: '您今天的出行方式', options: ['自驾', '地铁', '公交', '步行'] },
      { kind: 'scale', prompt: '整体满意度', min: 1, max: 5 },
    ],
  });
  return {
    token: String(created.code.token),
    questionIds: (created.questions as Array<{ questionId: number }>).map((q) => q.questionId),
  };
}

/** U-6.4.2: points redeemable against the parking fee. */
async function createCatalogueItem(admin: AdminCalls, token: string): Promise<string> {
  const item = await admin.post(token, '/v1/admin/points/catalogue', {
    kind: 'parking-offset',
    title: '积分抵停车费',
    pointsPrice: 100,
    valueFen: 100,
  });
  return String(item.id);
}

/** Staff calls to the server's own admin API: the demo is set up the way staff would. */
class AdminCalls {
  constructor(private readonly baseUrl: string) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
  async post(token: string, route: string, body: unknown): Promise<any> {
    const response = await fetch(`${this.baseUrl}${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { error?: { code: string } };
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`demo set-up: ${route} answered ${response.status} ${answer.error?.code}`);
    return answer;
  }
}
