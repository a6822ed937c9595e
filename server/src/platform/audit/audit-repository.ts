import type { Knex } from 'knex';
import { isMysql } from '../db/connect';
import type { AuditRowContent } from './audit-hash';

export interface AuditRow extends AuditRowContent {
  prevHash: string;
  hash: string;
}

export interface Checkpoint {
  lastId: number;
  lastHash: string;
  rowCount: number;
  keyVersion: number;
  seal: string;
}

/** Only this file touches the audit tables; rows are appended, never updated. */
export class AuditRepository {
  constructor(private readonly knex: Knex) {}

  /** Read the checkpoint and hold it locked (MySQL row lock; SQLite has one writer anyway). */
  async lockCheckpoint(trx: Knex.Transaction): Promise<Checkpoint | undefined> {
    const query = trx('audit_checkpoint').where({ id: 1 }).first();
    const row = isMysql(this.knex) ? await query.forUpdate() : await query;
    return row ? mapCheckpoint(row) : undefined;
  }

  async readCheckpoint(): Promise<Checkpoint | undefined> {
    const row = await this.knex('audit_checkpoint').where({ id: 1 }).first();
    return row ? mapCheckpoint(row) : undefined;
  }

  async append(trx: Knex.Transaction, rows: AuditRow[]): Promise<void> {
    await trx('audit_log').insert(rows.map(toColumns));
  }

  async saveCheckpoint(
    trx: Knex.Transaction,
    checkpoint: Checkpoint,
    exists: boolean,
  ): Promise<void> {
    const columns = {
      last_id: checkpoint.lastId,
      last_hash: checkpoint.lastHash,
      row_count: checkpoint.rowCount,
      key_version: checkpoint.keyVersion,
      seal: checkpoint.seal,
    };
    if (exists) await trx('audit_checkpoint').where({ id: 1 }).update(columns);
    else await trx('audit_checkpoint').insert({ id: 1, ...columns });
  }

  /** Rows in id order after `afterId`, a page at a time, for the verifier. */
  async pageAfter(afterId: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.knex('audit_log').where('id', '>', afterId).orderBy('id').limit(limit);
    return rows.map(mapRow);
  }

  async listForSubject(subject: string): Promise<AuditRow[]> {
    const rows = await this.knex('audit_log').where({ subject }).orderBy('id');
    return rows.map(mapRow);
  }
}

function toColumns(row: AuditRow): Record<string, unknown> {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    purpose: row.purpose,
    field: row.field,
    subject: row.subject,
    details: row.details,
    prev_hash: row.prevHash,
    hash: row.hash,
  };
}

function mapRow(row: Record<string, unknown>): AuditRow {
  return {
    id: Number(row.id),
    at: String(row.at),
    actor: String(row.actor),
    action: String(row.action),
    purpose: String(row.purpose),
    field: (row.field as string | null) ?? null,
    subject: (row.subject as string | null) ?? null,
    details: (row.details as string | null) ?? null,
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

function mapCheckpoint(row: Record<string, unknown>): Checkpoint {
  return {
    lastId: Number(row.last_id),
    lastHash: String(row.last_hash),
    rowCount: Number(row.row_count),
    keyVersion: Number(row.key_version),
    seal: String(row.seal),
  };
}
