import type { Knex } from 'knex';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

export interface PassRecord {
  id: string;
  lotId: string;
  pseudonym: string;
  validFrom: Date;
  validUntil: Date;
  /** Keyed hashes of the member's bound plates under the lot's cache key (offline rules). */
  plateHashes: string[];
}

/** Monthly passes of members, kept under the pseudonym. */
export class ParkingPassRepository {
  constructor(private readonly knex: Knex) {}

  async insert(pass: PassRecord, createdBy: string): Promise<void> {
    await this.knex('parking_passes').insert({
      id: pass.id,
      lot_id: pass.lotId,
      pseudonym: pass.pseudonym,
      valid_from: toSqlDateTime(pass.validFrom),
      valid_until: toSqlDateTime(pass.validUntil),
      plate_hashes: JSON.stringify(pass.plateHashes),
      created_by: createdBy,
      created_at: nowSql(),
    });
  }

  /** The pass covering this moment, if any. */
  async activeAt(lotId: string, pseudonym: string, at: Date): Promise<PassRecord | undefined> {
    const moment = toSqlDateTime(at);
    const row = await this.knex('parking_passes')
      .where({ lot_id: lotId, pseudonym })
      .whereNull('revoked_at')
      .andWhere('valid_from', '<=', moment)
      .andWhere('valid_until', '>', moment)
      .first();
    return row ? mapPass(row) : undefined;
  }

  async listCurrent(lotId: string, at: Date): Promise<PassRecord[]> {
    const rows = await this.knex('parking_passes')
      .where({ lot_id: lotId })
      .whereNull('revoked_at')
      .andWhere('valid_until', '>', toSqlDateTime(at))
      .limit(10_000);
    return rows.map(mapPass);
  }

  async listOfPseudonym(pseudonym: string, at: Date): Promise<PassRecord[]> {
    const rows = await this.knex('parking_passes')
      .where({ pseudonym })
      .whereNull('revoked_at')
      .andWhere('valid_until', '>', toSqlDateTime(at));
    return rows.map(mapPass);
  }

  async updatePlateHashes(id: string, plateHashes: string[]): Promise<void> {
    await this.knex('parking_passes')
      .where({ id })
      .update({ plate_hashes: JSON.stringify(plateHashes) });
  }
}

function mapPass(row: Record<string, unknown>): PassRecord {
  return {
    id: String(row.id),
    lotId: String(row.lot_id),
    pseudonym: String(row.pseudonym),
    validFrom: fromSqlDateTime(String(row.valid_from)),
    validUntil: fromSqlDateTime(String(row.valid_until)),
    plateHashes: JSON.parse(String(row.plate_hashes ?? '[]')) as string[],
  };
}
