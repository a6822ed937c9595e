import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql, toSqlDateTime } from '../platform/db/sql-time';

export interface DeviceRecord {
  id: string;
  name: string;
  kind: string;
  secretEnc: string;
  revokedAt: string | null;
}

export class DeviceRepository {
  constructor(private readonly knex: Knex) {}

  async insert(device: Omit<DeviceRecord, 'revokedAt'>): Promise<void> {
    await this.knex('devices').insert({
      id: device.id,
      name: device.name,
      kind: device.kind,
      secret_enc: device.secretEnc,
      created_at: nowSql(),
    });
  }

  async find(id: string): Promise<DeviceRecord | undefined> {
    const row = await this.knex('devices').where({ id }).first();
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      secretEnc: row.secret_enc,
      revokedAt: row.revoked_at ?? null,
    };
  }

  async list(): Promise<Array<Omit<DeviceRecord, 'secretEnc'>>> {
    const rows = await this.knex('devices')
      .orderBy('created_at')
      .select('id', 'name', 'kind', 'revoked_at');
    return rows.map((row: Record<string, string | null>) => ({
      id: String(row.id),
      name: String(row.name),
      kind: String(row.kind),
      revokedAt: row.revoked_at ?? null,
    }));
  }

  async recordHeartbeat(id: string, softwareVersion: string, at: string): Promise<void> {
    await this.knex('devices')
      .where({ id })
      .update({ last_seen_at: at, software_version: softwareVersion });
  }

  async revoke(id: string): Promise<boolean> {
    return (
      (await this.knex('devices')
        .where({ id })
        .whereNull('revoked_at')
        .update({ revoked_at: nowSql() })) > 0
    );
  }

  /** Remember a nonce until it leaves the window; false when it was already there. */
  async rememberNonce(deviceId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.knex('device_nonces').insert({
        device_id: deviceId,
        nonce,
        expires_at: toSqlDateTime(expiresAt),
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY on (device_id, nonce): a replay.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async forgetExpiredNonces(now: Date): Promise<number> {
    return this.knex('device_nonces').where('expires_at', '<', toSqlDateTime(now)).delete();
  }
}
