import type { Knex } from 'knex';
import type { Databases } from '../db/databases';
import {
  BLIND_INDEX_COLUMNS,
  ENCRYPTED_COLUMNS,
  type BlindIndexColumn,
  type EncryptedColumn,
} from './encrypted-columns';
import type { VaultCipher } from './vault-cipher';

export interface RotationProgress {
  onColumnStart(label: string, total: number): void;
  onBatch(label: string, done: number): void;
  onColumnEnd(label: string, rewritten: number): void;
}

export interface RotationReport {
  version: number;
  columns: Array<{ column: string; rewritten: number }>;
}

const BATCH_SIZE = 200;

/**
 * Re-encrypt every encrypted column and recompute every blind index under the current master
 * key version. Batched and resumable: each batch commits on its own and only rows still under
 * an older version are picked, so an interrupted run simply continues where it stopped.
 */
export async function rotateKeys(
  databases: Databases,
  cipher: VaultCipher,
  progress: RotationProgress,
  batchSize = BATCH_SIZE,
): Promise<RotationReport> {
  const columns: RotationReport['columns'] = [];
  for (const column of ENCRYPTED_COLUMNS) {
    const label = `${column.table}.${column.column}`;
    const rewritten = await rotateColumn(
      knexOf(databases, column.store),
      label,
      column,
      cipher,
      progress,
      batchSize,
    );
    columns.push({ column: label, rewritten });
  }

  for (const column of BLIND_INDEX_COLUMNS) {
    const label = `${column.table}.${column.column}`;
    const rewritten = await reindexColumn(
      knexOf(databases, column.store),
      label,
      column,
      cipher,
      progress,
      batchSize,
    );
    columns.push({ column: label, rewritten });
  }

  return { version: cipher.currentVersion, columns };
}

function knexOf(databases: Databases, store: 'core' | 'vault'): Knex {
  return store === 'core' ? databases.core : databases.vault;
}

/** Rows whose value in `column` does not start with the current version's prefix. */
function staleRows(knex: Knex, table: string, column: string, prefix: string) {
  return knex(table).whereNotNull(column).andWhere(column, 'not like', `${prefix}%`);
}

async function rotateColumn(
  knex: Knex,
  label: string,
  column: EncryptedColumn,
  cipher: VaultCipher,
  progress: RotationProgress,
  batchSize: number,
): Promise<number> {
  const prefix = `ev1.${cipher.currentVersion}.`;
  const total = Number(
    (await staleRows(knex, column.table, column.column, prefix).count({ n: '*' }))[0].n,
  );
  progress.onColumnStart(label, total);
  let rewritten = 0;
  for (;;) {
    const rows = await staleRows(knex, column.table, column.column, prefix)
      .orderBy(column.idColumn)
      .limit(batchSize)
      .select('*');
    if (rows.length === 0) break;
    // Crypto first, outside the transaction: SQLite has a single connection, and loading an
    // old data key must not wait behind our own open transaction.
    const updates = await Promise.all(
      rows.map(async (row) => {
        const ciphertext = String(row[column.column]);
        const plaintext = await cipher.decrypt(ciphertext, column.aad(row));
        return {
          id: row[column.idColumn],
          old: ciphertext,
          fresh: await cipher.encrypt(keyringOf(ciphertext), column.aad(row), plaintext),
        };
      }),
    );
    await applyUpdates(knex, column.table, column.idColumn, column.column, updates);
    rewritten += rows.length;
    progress.onBatch(label, rewritten);
  }

  progress.onColumnEnd(label, rewritten);
  return rewritten;
}

async function reindexColumn(
  knex: Knex,
  label: string,
  column: BlindIndexColumn,
  cipher: VaultCipher,
  progress: RotationProgress,
  batchSize: number,
): Promise<number> {
  const prefix = `bi${cipher.currentVersion}:`;
  const total = Number(
    (await staleRows(knex, column.table, column.column, prefix).count({ n: '*' }))[0].n,
  );
  progress.onColumnStart(label, total);
  let rewritten = 0;
  for (;;) {
    const rows = await staleRows(knex, column.table, column.column, prefix)
      .orderBy(column.idColumn)
      .limit(batchSize)
      .select('*');
    if (rows.length === 0) break;
    const updates = await Promise.all(
      rows.map(async (row) => {
        const normalised = await cipher.decrypt(
          String(row[column.sourceColumn]),
          column.sourceAad(row),
        );
        return {
          id: row[column.idColumn],
          old: String(row[column.column]),
          fresh: cipher.blindIndex(column.kind(row), normalised),
        };
      }),
    );
    await applyUpdates(knex, column.table, column.idColumn, column.column, updates);
    rewritten += rows.length;
    progress.onBatch(label, rewritten);
  }

  progress.onColumnEnd(label, rewritten);
  return rewritten;
}

function keyringOf(ciphertext: string) {
  return ciphertext.split('.')[2] as 'identity' | 'sensitive' | 'device';
}

/** Write a batch in one transaction; a row changed meanwhile keeps its newer value. */
async function applyUpdates(
  knex: Knex,
  table: string,
  idColumn: string,
  column: string,
  updates: Array<{ id: unknown; old: string; fresh: string }>,
) {
  await knex.transaction(async (trx) => {
    for (const update of updates) {
      await trx(table)
        .where({ [idColumn]: update.id, [column]: update.old })
        .update({ [column]: update.fresh });
    }
  });
}
