import type { Knex } from 'knex';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

export interface KioskRecord {
  id: string;
  lotId: string;
  name: string;
  pairedAt: Date | null;
  revokedAt: Date | null;
}

/** Pay kiosks: a one-time pairing code, then a revocable token; both stored only as hashes. */
export class ParkingKioskRepository {
  constructor(private readonly knex: Knex) {}

  async insert(
    kiosk: { id: string; lotId: string; name: string; pairingHash: string; expiresAt: Date },
    createdBy: string,
  ): Promise<void> {
    await this.knex('parking_kiosks').insert({
      id: kiosk.id,
      lot_id: kiosk.lotId,
      name: kiosk.name,
      pairing_hash: kiosk.pairingHash,
      pairing_expires_at: toSqlDateTime(kiosk.expiresAt),
      created_by: createdBy,
      created_at: nowSql(),
    });
  }

  /** Trade a live pairing code for a token: once, and only before the code expires. */
  async pair(pairingHash: string, tokenHash: string, now: Date): Promise<KioskRecord | undefined> {
    const row = await this.knex('parking_kiosks')
      .where({ pairing_hash: pairingHash })
      .whereNull('revoked_at')
      .andWhere('pairing_expires_at', '>', toSqlDateTime(now))
      .first();
    if (!row) return undefined;
    const updated = await this.knex('parking_kiosks')
      .where({ id: row.id, pairing_hash: pairingHash })
      .update({
        pairing_hash: null,
        pairing_expires_at: null,
        token_hash: tokenHash,
        paired_at: toSqlDateTime(now),
      });
    return updated === 1 ? mapKiosk({ ...row, paired_at: toSqlDateTime(now) }) : undefined;
  }

  async findByToken(tokenHash: string): Promise<KioskRecord | undefined> {
    const row = await this.knex('parking_kiosks')
      .where({ token_hash: tokenHash })
      .whereNull('revoked_at')
      .first();
    return row ? mapKiosk(row) : undefined;
  }

  async revoke(id: string): Promise<boolean> {
    const updated = await this.knex('parking_kiosks')
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: nowSql(), token_hash: null, pairing_hash: null });
    return updated === 1;
  }
}

function mapKiosk(row: Record<string, unknown>): KioskRecord {
  return {
    id: String(row.id),
    lotId: String(row.lot_id),
    name: String(row.name),
    pairedAt: row.paired_at ? fromSqlDateTime(String(row.paired_at)) : null,
    revokedAt: row.revoked_at ? fromSqlDateTime(String(row.revoked_at)) : null,
  };
}
