import type { TierDefinition } from './points-program';

/** Tiers are earned by spend over a rolling window of this many months (U-6.6.1a). */
export const TIER_WINDOW_MONTHS = 12;

/** The highest tier whose threshold the spend reaches; tiers are ascending, the first at 0. */
export function tierForSpend(tiers: readonly TierDefinition[], spendFen: number): TierDefinition {
  let reached = tiers[0];
  for (const tier of tiers) if (spendFen >= tier.minSpendFen) reached = tier;
  return reached;
}

export interface TierProgress {
  current: TierDefinition;
  /** The tier the spend earns now; the daily job moves the member there. */
  earned: TierDefinition;
  spendFen: number;
  next: { id: string; title: string; minSpendFen: number; remainingFen: number } | null;
}

/**
 * Where a member stands: their current tier (an unknown id, e.g. from an older programme,
 * counts as the first tier), the tier their spend earns, and what the next one needs.
 */
export function tierProgress(
  tiers: readonly TierDefinition[],
  currentTierId: string,
  spendFen: number,
): TierProgress {
  const current = tiers.find((tier) => tier.id === currentTierId) ?? tiers[0];
  const earned = tierForSpend(tiers, spendFen);
  const above = tiers.find((tier) => tier.minSpendFen > spendFen);
  const next = above
    ? {
        id: above.id,
        title: above.title,
        minSpendFen: above.minSpendFen,
        remainingFen: above.minSpendFen - spendFen,
      }
    : null;
  return { current, earned, spendFen, next };
}

/** The start of the rolling window: the same instant `months` calendar months earlier. */
export function windowStart(now: Date, months = TIER_WINDOW_MONTHS): Date {
  const start = new Date(now.getTime());
  start.setUTCMonth(start.getUTCMonth() - months);
  return start;
}
