import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { DEMO_OFFLINE_CARDS, DEMO_SHOPPERS } from '../../src/demo/demo-data';
import { seedDemoMall } from '../../src/demo/demo-seed';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase, type TestDatabase } from '../support/test-databases';
import { send } from '../support/http-client';
import { capturingLogger, testServer } from '../support/test-services';

/** Every personal value the demo seed writes, in the forms a leak could take. */
function seededValues(): string[] {
  const cardPhones = DEMO_OFFLINE_CARDS.map((card) => card.phone);
  return cardPhones.concat(DEMO_SHOPPERS.flatMap((shopper) => [
    shopper.phone,
    shopper.name,
    shopper.openid,
    shopper.address,
    shopper.nickname,
    ...(shopper.residentId ? [shopper.residentId] : []),
  ]));
}

function sqliteBytes(database: TestDatabase): Buffer {
  const file = database.sqliteFile as string;
  const parts = [file, `${file}-wal`, `${file}-journal`, `${file}-shm`].filter((candidate) =>
    fs.existsSync(candidate),
  );
  expect(parts.length).toBeGreaterThan(0);
  return Buffer.concat(parts.map((part) => fs.readFileSync(part)));
}

function mariaDbDump(database: TestDatabase): Buffer {
  const url = new URL(database.url);
  const dumper = ['/usr/bin/mariadb-dump', '/usr/bin/mysqldump'].find((candidate) =>
    fs.existsSync(candidate),
  );
  if (!dumper) throw new Error('no mariadb-dump or mysqldump on this machine');
  const args = [
    '-h',
    url.hostname,
    '-P',
    url.port || '3306',
    '-u',
    decodeURIComponent(url.username),
    '--skip-extended-insert',
    '--hex-blob',
    database.mysqlDatabase as string,
  ];
  return execFileSync(dumper, args, {
    env: { ...process.env, MYSQL_PWD: decodeURIComponent(url.password) },
    maxBuffer: 64 * 1024 * 1024,
  });
}

describeEachDatabase('S-5.3a no personal value in plain text after the demo seed', (database) => {
  let server: RunningServer;
  const captured = capturingLogger('trace');

  beforeAll(async () => {
    server = await testServer(database().url, { LOG_LEVEL: 'trace' }, captured.log);
    await seedDemoMall(server.services);
    const [first] = await server.services.databases.core('members').select('id').limit(1);
    await server.services.vault.readProfile(first.id, ['name', 'address'], {
      actor: 'staff:test',
      purpose: 'membership',
    });
    await send(server.url, 'GET', '/readyz');
  });

  afterAll(async () => {
    await server.stop();
  });

  it('seeds five demo shoppers', async () => {
    const row = await server.services.databases.core('members').count({ n: '*' }).first();
    expect(Number(row?.n)).toBe(DEMO_SHOPPERS.length);
  });

  it('leaves no seeded phone, name, openid, address, nickname or ID number in the stored bytes', () => {
    const stored = database().kind === 'sqlite' ? sqliteBytes(database()) : mariaDbDump(database());

    const found = seededValues().filter((value) => stored.includes(Buffer.from(value, 'utf8')));
    expect(stored.length).toBeGreaterThan(1000);
    expect(found).toEqual([]);
  });

  it('leaves none of them in the log output', () => {
    const logs = captured.lines.join('\n');

    const found = seededValues().filter((value) => logs.includes(value));
    expect(captured.lines.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });
});
