import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';

export interface DeskSignup {
  id: string;
  code: string;
  staffId: string;
  storeCode: string | null;
  status: 'open' | 'used';
  expiresAt: string;
  completedAt: string | null;
  createdAt: string;
}

export class DeskSignupRepository {
  constructor(private readonly knex: Knex) {}

  /** False when the random code is taken (MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE). */
  async insert(signup: DeskSignup): Promise<boolean> {
    try {
      await this.knex('desk_signups').insert({
        id: signup.id,
        code: signup.code,
        staff_id: signup.staffId,
        store_code: signup.storeCode,
        status: signup.status,
        expires_at: signup.expiresAt,
        completed_at: signup.completedAt,
        created_at: signup.createdAt,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<DeskSignup | undefined> {
    const row = await this.knex('desk_signups').where({ id }).first();
    return row ? mapSignup(row) : undefined;
  }

  async findByCode(code: string): Promise<DeskSignup | undefined> {
    const row = await this.knex('desk_signups').where({ code }).first();
    return row ? mapSignup(row) : undefined;
  }

  /** Take the code for one sign-up: one conditional UPDATE, so two phones cannot both use it. */
  async reserve(code: string): Promise<boolean> {
    const now = nowSql();
    const updated = await this.knex('desk_signups')
      .where({ code, status: 'open' })
      .andWhere('expires_at', '>', now)
      .update({ status: 'used', completed_at: now });
    return Number(updated) === 1;
  }

  /** Give the code back when the sign-up behind it failed, so the shopper can try again. */
  async release(code: string): Promise<void> {
    await this.knex('desk_signups')
      .where({ code, status: 'used' })
      .update({ status: 'open', completed_at: null });
  }
}

function mapSignup(row: Record<string, unknown>): DeskSignup {
  return {
    id: String(row.id),
    code: String(row.code),
    staffId: String(row.staff_id),
    storeCode: (row.store_code as string | null) ?? null,
    status: row.status as DeskSignup['status'],
    expiresAt: String(row.expires_at),
    completedAt: (row.completed_at as string | null) ?? null,
    createdAt: String(row.created_at),
  };
}
