import { TIER_WINDOW_MONTHS, tierForSpend, tierProgress, windowStart } from '@memberkit/shared';
import { toSqlDateTime } from '../platform/db/sql-time';
import type { PointsAwardRepository } from './points-award-repository';
import type { ProgrammeService } from './programme-service';
import type { TierChange, TierRepository } from './tier-repository';

const BATCH = 500;

export interface TierRun {
  checked: number;
  promoted: number;
  demoted: number;
}

/**
 * Tiers by rolling 12-month spend (U-6.6.1a). The daily job moves every member to the tier
 * their spend earns, up or down at once, and records each change. Perks are the published
 * tier rules; nothing here changes what anything costs (U-6.7.2).
 */
export class TierService {
  constructor(
    private readonly tiers: TierRepository,
    private readonly programmes: ProgrammeService,
    private readonly awards: PointsAwardRepository,
  ) {}

  async memberTier(pseudonym: string, currentTier: string, now = new Date()) {
    const program = await this.programmes.current();
    const spendFen = await this.awards.spendSince(pseudonym, toSqlDateTime(windowStart(now)));
    const progress = tierProgress(program.tiers, currentTier, spendFen);
    return {
      tier: progress.current,
      earnedTier: progress.earned.id,
      spendFen,
      windowMonths: TIER_WINDOW_MONTHS,
      next: progress.next,
      tiers: program.tiers,
    };
  }

  async runTierJob(now = new Date()): Promise<TierRun> {
    const program = await this.programmes.current();
    const since = toSqlDateTime(windowStart(now));
    const rank = new Map(program.tiers.map((tier, index) => [tier.id, index]));
    const run: TierRun = { checked: 0, promoted: 0, demoted: 0 };
    for (let lastId = ''; ;) {
      const members = await this.tiers.activeMembersAfter(lastId, BATCH);
      if (members.length === 0) return run;
      lastId = members[members.length - 1].id;
      const spend = await this.awards.spendByPseudonym(
        members.map((member) => member.pseudonym),
        since,
      );
      const changes: TierChange[] = members
        .map((member) => {
          const spendFen = spend.get(member.pseudonym) ?? 0;
          return { ...member, spendFen, to: tierForSpend(program.tiers, spendFen).id };
        })
        .filter((change) => change.tier !== change.to);
      run.checked += members.length;
      for (const change of await this.tiers.applyChanges(changes)) {
        const isUp = (rank.get(change.to) ?? 0) > (rank.get(change.tier) ?? 0);
        if (isUp) run.promoted += 1;
        else run.demoted += 1;
      }
    }
  }
}
