import type { Knex } from 'knex';
import { nowSql } from '../platform/db/sql-time';

export interface MemberTierRow {
  id: string;
  pseudonym: string;
  tier: string;
}

export interface TierChange extends MemberTierRow {
  to: string;
  spendFen: number;
}

/** members.tier (001) and the history of the tier job's changes (012). */
export class TierRepository {
  constructor(private readonly knex: Knex) {}

  async activeMembersAfter(lastId: string, limit: number): Promise<MemberTierRow[]> {
    return this.knex('members')
      .where({ status: 'active' })
      .whereNotNull('pseudonym')
      .andWhere('id', '>', lastId)
      .orderBy('id')
      .limit(limit)
      .select('id', 'pseudonym', 'tier');
  }

  /** Apply changes in one transaction; returns the ones applied. */
  async applyChanges(changes: TierChange[]): Promise<TierChange[]> {
    if (changes.length === 0) return [];
    return this.knex.transaction(async (trx) => {
      const applied: TierChange[] = [];
      for (const change of changes) {
        // Guarded by the old tier: a member changed meanwhile is left for the next run.
        const updated = await trx('members')
          .where({ id: change.id, tier: change.tier })
          .update({ tier: change.to });
        if (updated !== 1) continue;
        await trx('points_tier_changes').insert({
          pseudonym: change.pseudonym,
          from_tier: change.tier,
          to_tier: change.to,
          spend_fen: change.spendFen,
          changed_at: nowSql(),
        });
        applied.push(change);
      }
      return applied;
    });
  }
}
