import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { deferCleanup } from './cleanup';

/** A database made for one benchmark and dropped after it, with a temp folder as DATA_DIR. */
export interface ScratchDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

// Short, so an absent MariaDB costs the run two seconds rather than mysql2's ten.
const CONNECT_TIMEOUT_MS = 2000;

export function createScratchSqlite(): ScratchDatabase {
  const dataDir = makeTempFolder();
  return {
    url: `sqlite:${path.join(dataDir, 'memberkit.sqlite')}`,
    dataDir,
    drop: deferCleanup(async () => removeFolder(dataDir)),
  };
}

export async function createScratchMariaDb(adminUrl: string): Promise<ScratchDatabase> {
  const database = `mk_bench_${crypto.randomBytes(5).toString('hex')}`;
  await runAsAdmin(
    adminUrl,
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );

  const dataDir = makeTempFolder();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const drop = async () => {
    await runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS \`${database}\``);
    removeFolder(dataDir);
  };
  return { url: url.toString(), dataDir, drop: deferCleanup(drop) };
}

/** Why the MariaDB at adminUrl cannot host a scratch database, or undefined when it can. */
export async function probeMariaDb(adminUrl: string): Promise<string | undefined> {
  try {
    await runAsAdmin(adminUrl, 'SELECT 1');
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code ?? (error instanceof Error ? error.message : String(error));
  }
}

async function runAsAdmin(adminUrl: string, sql: string): Promise<void> {
  const connection = await mysql.createConnection({
    uri: adminUrl,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

function makeTempFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-bench-'));
}

function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}
