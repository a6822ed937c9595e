import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import {
  demoCredentialsFile,
  setUpDemoDay,
  type DemoDayCredentials,
} from '../../server/src/demo/demo-day-setup';
import type { RunningServer } from '../../server/src/server';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { testServer } from '../../server/test/support/test-services';

/** Rows that a second set-up must not add to. */
async function demoRowCounts(core: Knex) {
  const count = async (table: string, where: (query: Knex.QueryBuilder) => void = () => {}) => {
    const query = core(table).count({ n: '*' });
    where(query);
    return Number((await query.first())?.n);
  };
  return {
    liveStaff: await count('staff', (q) => q.whereNull('revoked_at')),
    devices: await count('devices'),
    lots: await count('parking_lots'),
    gates: await count('parking_gates'),
    campaigns: await count('campaigns'),
    surveys: await count('surveys'),
    catalogueItems: await count('points_catalogue_items'),
  };
}

/** Everything but the staff tokens, which a lost file cannot give back. */
function withoutStaff(credentials: DemoDayCredentials) {
  const { staff, ...rest } = credentials;
  void staff;
  return rest;
}

// issue #8: `npm start` sets the demo day up on every start; it must find what it made before.
describeEachDatabase('the demo day set-up', (database) => {
  let dataDir: string;
  let running: RunningServer;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-demo-setup-'));
    running = await testServer(database().url, { DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await running?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps everything, staff tokens included, while demo-credentials.json survives', async () => {
    const first = await setUpDemoDay(running);
    const rows = await demoRowCounts(running.services.databases.core);

    const again = await setUpDemoDay(running);

    expect(again).toEqual(first);
    expect(await demoRowCounts(running.services.databases.core)).toEqual(rows);
    expect(rows.liveStaff).toBe(4);
  });

  it('finds its devices, car park, campaigns, survey and catalogue item by their codes when demo-credentials.json is lost', async () => {
    const first = await setUpDemoDay(running);
    const rows = await demoRowCounts(running.services.databases.core);
    fs.rmSync(demoCredentialsFile(dataDir));

    const second = await setUpDemoDay(running);

    expect(withoutStaff(second)).toEqual(withoutStaff(first));
    expect(await demoRowCounts(running.services.databases.core)).toEqual(rows);
    const saved = JSON.parse(fs.readFileSync(demoCredentialsFile(dataDir), 'utf8'));
    expect(saved).toEqual(second);
  });

  it('S-5.3b: a lost staff token is replaced, the old one revoked, one live login per role', async () => {
    const first = await setUpDemoDay(running);
    fs.rmSync(demoCredentialsFile(dataDir));

    const second = await setUpDemoDay(running);

    const { staff } = running.services;
    for (const role of Object.keys(first.staff) as Array<keyof DemoDayCredentials['staff']>) {
      expect(second.staff[role]).not.toBe(first.staff[role]);
      await expect(staff.authenticate(first.staff[role])).rejects.toMatchObject({
        code: 'STAFF_TOKEN_INVALID',
      });
      await expect(staff.authenticate(second.staff[role])).resolves.toMatchObject({
        name: expect.stringMatching(/^demo /),
      });
    }
    expect((await demoRowCounts(running.services.databases.core)).liveStaff).toBe(4);
  });

  it('a corrupt credentials file is set up again from the database, not trusted', async () => {
    const first = await setUpDemoDay(running);
    fs.writeFileSync(demoCredentialsFile(dataDir), '{ not json');

    const second = await setUpDemoDay(running);

    expect(withoutStaff(second)).toEqual(withoutStaff(first));
  });
});
