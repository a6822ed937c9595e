import fs from 'node:fs';
import path from 'node:path';
import type { RunningServer } from '../server';
import { AdminCalls } from './demo-admin-calls';
import {
  demoStaffToken,
  findDemoCampaignId,
  findDemoCatalogueItemId,
  findDemoDevice,
  findDemoLot,
  findDemoSurveyId,
} from './demo-day-lookup';

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

const DEMO_STAFF = {
  parking: { name: 'demo parking desk', role: 'parking' },
  marketing: { name: 'demo marketing', role: 'marketing' },
  operations: { name: 'demo operations', role: 'operations' },
  privacyOfficer: { name: 'demo privacy officer', role: 'privacy-officer' },
} as const;
const DEMO_POS_DEVICE = { name: 'demo till 1', kind: 'pos' } as const;
const DEMO_PARKING_DEVICE = { name: 'demo gate adapter', kind: 'parking' } as const;
const DEMO_CAMPAIGNS = {
  gift: { kind: 'gift', title: '开业礼：帆布袋' },
  sample: { kind: 'sample', title: '新品香氛小样' },
} as const;
const DEMO_SURVEY_TITLE = '购物满意度调查';
const DEMO_CATALOGUE_ITEM = { kind: 'parking-offset', title: '积分抵停车费' } as const;

/**
 * Idempotent, with or without the credentials file: every part is first looked for by the codes
 * and names the demo gives it (camera serials, device and staff names, titles) and made only
 * when missing. The file only keeps staff tokens, which cannot be read back from the database.
 */
export async function setUpDemoDay(running: RunningServer): Promise<DemoDayCredentials> {
  const file = demoCredentialsFile(running.services.config.dataDir);
  const credentials = await findOrCreateDemoDay(running, readCredentials(file));
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

async function findOrCreateDemoDay(
  running: RunningServer,
  earlier: DemoDayCredentials | undefined,
): Promise<DemoDayCredentials> {
  const core = running.services.databases.core;
  const staffToken = (role: keyof typeof DEMO_STAFF) =>
    demoStaffToken(running, DEMO_STAFF[role], earlier?.staff?.[role]);
  const tokens = {
    parking: await staffToken('parking'),
    marketing: await staffToken('marketing'),
    operations: await staffToken('operations'),
    privacyOfficer: await staffToken('privacyOfficer'),
  };
  const admin = new AdminCalls(running.url);
  const cameras = { entry: DEMO_ENTRY_CAMERA, exit: DEMO_EXIT_CAMERA };

  const posDevice =
    (await findDemoDevice(running, DEMO_POS_DEVICE)) ??
    (await running.services.devices.register(DEMO_POS_DEVICE.name, DEMO_POS_DEVICE.kind));
  const foundLot = await findDemoLot(core, cameras);
  // The gates name their device: a car park found keeps the adapter it was bound to.
  const parkingDevice =
    (foundLot && (await findDemoDevice(running, { id: foundLot.deviceId }))) ??
    (await running.services.devices.register(DEMO_PARKING_DEVICE.name, DEMO_PARKING_DEVICE.kind));
  if (foundLot && foundLot.deviceId !== parkingDevice.deviceId)
    throw new Error('demo set-up: the demo gates are bound to a revoked device');
  const lot = foundLot
    ? {
        id: foundLot.id,
        entryGateCode: foundLot.entryGateCode,
        exitGateCode: foundLot.exitGateCode,
      }
    : await createLot(admin, tokens.parking, parkingDevice.deviceId);

  const campaign = async (which: keyof typeof DEMO_CAMPAIGNS) => {
    const { kind, title } = DEMO_CAMPAIGNS[which];
    const id = await findDemoCampaignId(core, kind, title);
    return id
      ? String((await admin.get(tokens.marketing, `/v1/admin/campaigns/${id}`)).codes[0].token)
      : createCampaign(admin, tokens.marketing, kind, title);
  };
  const surveyId = await findDemoSurveyId(core, DEMO_SURVEY_TITLE);
  const survey = surveyId
    ? surveyCredentials(await admin.get(tokens.marketing, `/v1/admin/surveys/${surveyId}`))
    : await createSurvey(admin, tokens.marketing);

  return {
    staff: tokens,
    posDevice,
    parkingDevice,
    lot,
    cameras,
    campaigns: { gift: await campaign('gift'), sample: await campaign('sample') },
    survey,
    catalogueItemId:
      (await findDemoCatalogueItemId(core, DEMO_CATALOGUE_ITEM.kind, DEMO_CATALOGUE_ITEM.title)) ??
      (await createCatalogueItem(admin, tokens.operations)),
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
    title: DEMO_SURVEY_TITLE,
    intro: '约 1 分钟',
    questions: [
      { kind: 'single', prompt: '您今天的出行方式', options: ['自驾', '地铁', '公交', '步行'] },
      { kind: 'scale', prompt: '整体满意度', min: 1, max: 5 },
    ],
  });
  return surveyCredentials(created);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
function surveyCredentials(summary: any): DemoDayCredentials['survey'] {
  return {
    token: String(summary.code.token),
    questionIds: (summary.questions as Array<{ questionId: number }>).map((q) => q.questionId),
  };
}

/** U-6.4.2: points redeemable against the parking fee. */
async function createCatalogueItem(admin: AdminCalls, token: string): Promise<string> {
  const item = await admin.post(token, '/v1/admin/points/catalogue', {
    ...DEMO_CATALOGUE_ITEM,
    pointsPrice: 100,
    valueFen: 100,
  });
  return String(item.id);
}
