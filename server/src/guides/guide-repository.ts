import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { toSqlDateTime } from '../platform/db/sql-time';

export interface ShoppingGuide {
  id: string;
  code: string;
  displayName: string;
  storeCode: string;
  joiningRewardPoints: number;
  createdBy: string;
  createdAt: string;
}

/** What members.joined_via holds for a sign-up through a guide (signup-service.ts). */
export const GUIDE_JOIN_PREFIX = 'guide:';

export class GuideRepository {
  constructor(private readonly knex: Knex) {}

  /** False when the random code is taken (MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE). */
  async insert(guide: ShoppingGuide): Promise<boolean> {
    try {
      await this.knex('shopping_guides').insert({
        id: guide.id,
        code: guide.code,
        display_name: guide.displayName,
        store_code: guide.storeCode,
        joining_reward_points: guide.joiningRewardPoints,
        created_by: guide.createdBy,
        created_at: guide.createdAt,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<ShoppingGuide | undefined> {
    const row = await this.knex('shopping_guides').where({ id }).first();
    return row ? mapGuide(row) : undefined;
  }

  async findByCode(code: string): Promise<ShoppingGuide | undefined> {
    const row = await this.knex('shopping_guides').where({ code }).first();
    return row ? mapGuide(row) : undefined;
  }

  async list(): Promise<ShoppingGuide[]> {
    const rows = await this.knex('shopping_guides').orderBy('created_at').orderBy('id');
    return rows.map(mapGuide);
  }

  /**
   * Sign-ups per joined_via value starting with `guide:`, counted in SQL: the report never
   * touches a member id or pseudonym. Members who since deleted their account still count as
   * sign-ups; `active` says how many are still members.
   */
  async signupsByGuideCode(
    window: { from?: Date; to?: Date } = {},
  ): Promise<Array<{ code: string; signUps: number; active: number }>> {
    const query = this.knex('members').where('joined_via', 'like', `${GUIDE_JOIN_PREFIX}%`);
    if (window.from) query.andWhere('created_at', '>=', toSqlDateTime(window.from));
    if (window.to) query.andWhere('created_at', '<', toSqlDateTime(window.to));
    const rows = (await query
      .groupBy('joined_via')
      .select('joined_via')
      .count({ n: '*' })
      .sum({ active: this.knex.raw("case when status = 'active' then 1 else 0 end") })) as Array<
      Record<string, string | number | null>
    >;
    return rows.map((row) => ({
      code: String(row.joined_via).slice(GUIDE_JOIN_PREFIX.length),
      signUps: Number(row.n),
      active: Number(row.active ?? 0),
    }));
  }
}

function mapGuide(row: Record<string, unknown>): ShoppingGuide {
  return {
    id: String(row.id),
    code: String(row.code),
    displayName: String(row.display_name),
    storeCode: String(row.store_code),
    joiningRewardPoints: Number(row.joining_reward_points),
    createdBy: String(row.created_by),
    createdAt: String(row.created_at),
  };
}
