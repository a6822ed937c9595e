import type { Knex } from 'knex';
import { nowSql } from '../db/sql-time';
import { deriveKey, type MasterKeys } from '../crypto/master-keys';
import { GENESIS_HASH, hashAuditRow, sealCheckpoint } from './audit-hash';
import type { AuditRepository, AuditRow } from './audit-repository';

export interface AuditEntry {
  /** Who: `member:<pseudonym>`, `staff:<id>`, `device:<id>`, `system:<job>`. */
  actor: string;
  /** What happened: `decrypt`, `export`, `delete`, `consent.grant`, ... */
  action: string;
  /** Why: the purpose the access serves (a consent purpose or an operational reason). */
  purpose: string;
  field?: string;
  /** The subject's pseudonym, never an identifier. */
  subject?: string;
  /** Extra facts; never personal values. */
  details?: Record<string, unknown>;
}

/**
 * The append-only audit chain (S-5.5, S-22239). Appends serialise on the checkpoint row, so
 * concurrent writers extend one chain rather than forking it.
 */
export class AuditLog {
  constructor(
    private readonly knex: Knex,
    private readonly repository: AuditRepository,
    private readonly masterKeys: MasterKeys,
  ) {}

  /** Append entries; pass the caller's vault transaction when inside one (SQLite has one connection). */
  async record(entries: AuditEntry[], trx?: Knex.Transaction): Promise<void> {
    if (entries.length === 0) return;
    if (trx) return this.appendWithin(trx, entries);
    await this.knex.transaction((ownTrx) => this.appendWithin(ownTrx, entries));
  }

  private async appendWithin(trx: Knex.Transaction, entries: AuditEntry[]): Promise<void> {
    const checkpoint = await this.repository.lockCheckpoint(trx);
    let previousHash = checkpoint?.lastHash ?? GENESIS_HASH;
    let nextId = (checkpoint?.lastId ?? 0) + 1;
    const at = nowSql();
    const rows: AuditRow[] = entries.map((entry) => {
      const content = {
        id: nextId++,
        at,
        actor: entry.actor,
        action: entry.action,
        purpose: entry.purpose,
        field: entry.field ?? null,
        subject: entry.subject ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
      };
      const hash = hashAuditRow(previousHash, content);
      const row = { ...content, prevHash: previousHash, hash };
      previousHash = hash;
      return row;
    });

    await this.repository.append(trx, rows);
    const last = rows[rows.length - 1];
    const rowCount = (checkpoint?.rowCount ?? 0) + rows.length;
    const keyVersion = this.masterKeys.current;
    const seal = sealCheckpoint(this.checkpointKey(keyVersion), last.id, last.hash, rowCount);
    await this.repository.saveCheckpoint(
      trx,
      { lastId: last.id, lastHash: last.hash, rowCount, keyVersion, seal },
      Boolean(checkpoint),
    );
  }

  /** Seal the checkpoint again under the current key version (after a key rotation). */
  async resealCheckpoint(): Promise<void> {
    await this.knex.transaction(async (trx) => {
      const checkpoint = await this.repository.lockCheckpoint(trx);
      if (!checkpoint) return;
      const keyVersion = this.masterKeys.current;
      const seal = sealCheckpoint(
        this.checkpointKey(keyVersion),
        checkpoint.lastId,
        checkpoint.lastHash,
        checkpoint.rowCount,
      );
      await this.repository.saveCheckpoint(trx, { ...checkpoint, keyVersion, seal }, true);
    });
  }

  checkpointKey(version: number): Buffer {
    return deriveKey(this.masterKeys, version, 'audit-checkpoint');
  }
}
