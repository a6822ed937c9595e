import type { Knex } from 'knex';
import { ConflictError } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';

/** Published points programmes, one row per version. */
export class ProgrammeRepository {
  constructor(private readonly knex: Knex) {}

  async latest(): Promise<unknown | undefined> {
    const row = await this.knex('points_programmes').orderBy('version', 'desc').first();
    return row ? JSON.parse(row.programme) : undefined;
  }

  async latestVersion(): Promise<number> {
    const row = await this.knex('points_programmes').max({ version: 'version' }).first();
    return Number(row?.version ?? 0);
  }

  async insert(version: number, programme: object, publishedBy: string): Promise<void> {
    try {
      await this.knex('points_programmes').insert({
        version,
        programme: JSON.stringify(programme),
        published_by: publishedBy,
        published_at: nowSql(),
      });
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY: someone published this version first.
      if (isUniqueViolation(error)) throw new ConflictError('CONFLICT', { cause: error });
      throw error;
    }
  }
}
