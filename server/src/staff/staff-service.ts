import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { AppError } from '@memberkit/shared';
import { hashToken } from '../auth/session-service';
import { nowSql } from '../platform/db/sql-time';
import type { StaffRole } from './staff-roles';

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
}

/** Staff accounts with bearer tokens (stored hashed), created by `memberkit staff add`. */
export class StaffService {
  constructor(private readonly knex: Knex) {}

  async add(name: string, role: StaffRole): Promise<StaffMember & { token: string }> {
    const id = `st_${crypto.randomBytes(8).toString('hex')}`;
    const token = `mks_${crypto.randomBytes(32).toString('base64url')}`;
    await this.knex('staff').insert({
      id,
      name,
      role,
      token_hash: hashToken(token),
      created_at: nowSql(),
    });
    return { id, name, role, token };
  }

  async authenticate(token: string): Promise<StaffMember> {
    const row = await this.knex('staff')
      .where({ token_hash: hashToken(token) })
      .whereNull('revoked_at')
      .first();
    if (!row) throw new AppError('STAFF_TOKEN_INVALID');
    return { id: row.id, name: row.name, role: row.role };
  }

  async revoke(id: string): Promise<boolean> {
    return (
      (await this.knex('staff')
        .where({ id })
        .whereNull('revoked_at')
        .update({ revoked_at: nowSql() })) === 1
    );
  }
}
