import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url';

export interface ConnectOptions {
  poolMax: number;
}

/**
 * One knex instance for a database URL, set up so both databases behave alike:
 * - times travel as UTC strings ('YYYY-MM-DD HH:MM:SS.mmm'); the MySQL session runs in UTC
 *   and every DATE / DATETIME comes back as the string that was written (dateStrings);
 * - integers past 2^53 come back as exact strings (mysql2 bigNumberStrings; better-sqlite3
 *   safeIntegers, turned into numbers again where they are safe);
 * - text is utf8mb4 on MySQL so emoji nicknames survive.
 */
export function connectDatabase(url: string, options: ConnectOptions): Knex {
  const target = parseDatabaseUrl(url);
  return target.client === 'sqlite' ? connectSqlite(target) : connectMysql(target, options);
}

function connectSqlite(target: Extract<DatabaseTarget, { client: 'sqlite' }>): Knex {
  if (target.filename !== ':memory:') {
    // The files hold ciphertext, but still only for the service's own user (S-5.3a).
    fs.mkdirSync(path.dirname(target.filename), { recursive: true, mode: 0o700 });
  }

  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: target.filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(
        connection: SqliteConnection,
        done: (error: Error | null, connection: unknown) => void,
      ) {
        connection.pragma('journal_mode = WAL');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        connection.defaultSafeIntegers(true);
        if (target.filename !== ':memory:') fs.chmodSync(target.filename, 0o600);
        done(null, connection);
      },
    },
    postProcessResponse: normaliseSqliteIntegers,
    // One connection: code that waits for a second one while holding a transaction would hang
    // forever. Fail fast instead, so such a bug shows up as an error in tests.
    acquireConnectionTimeout: 5000,
  });
}

function connectMysql(
  target: Extract<DatabaseTarget, { client: 'mysql' }>,
  options: ConnectOptions,
): Knex {
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: target.database,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
    },
    pool: {
      min: 0,
      max: options.poolMax,
      afterCreate(
        connection: MysqlConnection,
        done: (error: Error | null, connection: unknown) => void,
      ) {
        connection.query("SET time_zone = '+00:00', NAMES utf8mb4", (error) =>
          done(error, connection),
        );
      },
    },
    acquireConnectionTimeout: 10000,
  });
}

interface SqliteConnection {
  pragma(statement: string): unknown;
  defaultSafeIntegers(toggle: boolean): unknown;
}

interface MysqlConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}

/** BigInt from better-sqlite3's safe-integer mode: a number when exact, else a string. */
function normaliseSqliteIntegers(result: unknown): unknown {
  if (typeof result === 'bigint') return bigIntToValue(result);
  if (Array.isArray(result)) return result.map(normaliseSqliteIntegers);
  // A plain row; checked by tag because rows may come from another realm (jest's vm).
  if (Object.prototype.toString.call(result) === '[object Object]') {
    const row = result as Record<string, unknown>;
    for (const key of Object.keys(row)) {
      if (typeof row[key] === 'bigint') row[key] = bigIntToValue(row[key] as bigint);
    }
  }

  return result;
}

function bigIntToValue(value: bigint): number | string {
  const isSafe =
    value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER);
  return isSafe ? Number(value) : value.toString();
}

export function isMysql(knex: Knex): boolean {
  return knex.client.config.client === 'mysql2';
}
