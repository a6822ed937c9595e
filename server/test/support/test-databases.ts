import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

export type DatabaseKind = 'sqlite' | 'mariadb';

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  /** Where a SQLite database lives on disk, for tests that read the raw files. */
  sqliteFile?: string;
  mysqlDatabase?: string;
  drop(): Promise<void>;
}

const mysqlAvailable = () => process.env.MEMBERKIT_TEST_MYSQL === 'available';

/** A fresh, empty database of the given kind; each suite gets its own so suites never collide. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqlite() : createMariaDb();
}

async function createSqlite(): Promise<TestDatabase> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-test-'));
  const file = path.join(directory, 'memberkit.sqlite');
  return {
    kind: 'sqlite',
    url: `sqlite:${file}`,
    sqliteFile: file,
    drop: async () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}

async function createMariaDb(): Promise<TestDatabase> {
  const base = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
  const database = `mk_t_${crypto.randomBytes(5).toString('hex')}`;
  await withAdminConnection(base, (connection) =>
    connection.query(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ),
  );
  const url = new URL(base.toString());
  url.pathname = `/${database}`;
  return {
    kind: 'mariadb',
    url: url.toString(),
    mysqlDatabase: database,
    drop: () =>
      withAdminConnection(base, (connection) =>
        connection.query(`DROP DATABASE IF EXISTS \`${database}\``),
      ).then(() => undefined),
  };
}

async function withAdminConnection<T>(
  base: URL,
  work: (connection: mysql.Connection) => Promise<T>,
): Promise<T> {
  const connection = await mysql.createConnection({ uri: base.toString() });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/**
 * Declare a suite once and run it on SQLite and on MariaDB. The database is in the describe
 * title ("[sqlite]" / "[mariadb]"), which the summary reporter counts. Without CI, an absent
 * MariaDB skips its half; with CI=true the global setup has already failed the run.
 */
export function describeEachDatabase(
  title: string,
  body: (database: () => TestDatabase) => void,
): void {
  for (const kind of ['sqlite', 'mariadb'] as const) {
    const describeOrSkip = kind === 'mariadb' && !mysqlAvailable() ? describe.skip : describe;
    describeOrSkip(`${title} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.drop();
      });
      body(() => {
        if (!database) throw new Error('test database not created yet');
        return database;
      });
    });
  }
}
