import { AppError } from '../errors/app-error';
import { formatYuan } from '../money/parse-yuan';
import type { CalendarMultiplier, ItemBonusRule, PointsProgram } from './points-program';
import { isAnniversary, shanghaiDay, type ShanghaiDay } from './shanghai-calendar';

export type AwardKind = 'purchase' | 'top-up' | 'sign-up';

export interface AwardItem {
  sku: string;
  brand?: string;
  category?: string;
  fen: number;
}

export interface AwardContext {
  kind: AwardKind;
  /** What the shopper paid, in fen (after discounts and any points offset). */
  amountFen: number;
  items: readonly AwardItem[];
  occurredAt: Date;
  member: {
    /** 'YYYY-MM-DD', or null when unknown or when no birthday rule needs it. */
    birthDate: string | null;
    tier: string;
  };
  storeId?: string | null;
}

export type AppliedKind =
  | 'base'
  | ItemBonusRule['kind']
  | CalendarMultiplier['kind']
  | 'tier'
  | 'cap'
  | 'sign-up'
  | 'top-up';

/** One line of an award's explanation: which rule, what it does, what it added (or took). */
export interface AppliedRule {
  ruleId: string;
  kind: AppliedKind;
  effect: string;
  points: number;
}

export interface Award {
  points: number;
  /** Every rule that changed the award, in the order applied; their points add up to `points`. */
  applied: AppliedRule[];
  /** The Asia/Shanghai day the rules were judged by. */
  day: string;
  programVersion: number;
}

/**
 * Compute an award from the published programme; pure, the same answer on every machine.
 *
 * Order of stacking (U-6.4.1), every step rounding down to whole points:
 *  1. base: basePointsPerYuan for every yuan of `amountFen`.
 *  2. item bonuses: each item earns at most one bonus, the most specific that matches (product,
 *     then brand, then category; the first listed within a kind), extraPointsPerYuan on the
 *     item's own fen. Bonuses add, so a brand promotion never doubles a product one. Bonuses
 *     are earned on money paid, never on list prices: when the items add up to more than
 *     `amountFen` (a basket discount, a points offset), each rule's item fen is scaled down by
 *     amountFen / item total, rounding down, so all item bonuses together are earned on at most
 *     what was paid. Items adding up to less than was paid are taken as they are.
 *  3. calendar multiplier: of member day, holiday, store anniversary, birthday day and birthday
 *     month, only the single highest that applies multiplies steps 1-2. They do not compound:
 *     a member-day birthday on a holiday would otherwise earn 2 x 1.5 x 2 = 6x, which no single
 *     published promotion promised and which makes the programme's cost unbounded.
 *  4. tier multiplier: the member's tier perk multiplies the result of step 3. Tier perks are
 *     published rules; what a member pays never depends on them (U-6.7.2).
 *  5. cap: capPerAward bounds the total of steps 1-4.
 * Sign-up and top-up bonuses are fixed amounts, never multiplied or capped; a top-up earns no
 * base points (stored value is not spend; the points come when it is spent).
 */
export function computeAward(program: PointsProgram, context: AwardContext): Award {
  assertContext(context);
  const day = shanghaiDay(context.occurredAt);
  const applied =
    context.kind === 'purchase'
      ? purchaseRules(program, context, day)
      : fixedBonus(program, context);
  const points = applied.reduce((sum, rule) => sum + rule.points, 0);
  return { points, applied, day: day.date, programVersion: program.version };
}

function purchaseRules(
  program: PointsProgram,
  context: AwardContext,
  day: ShanghaiDay,
): AppliedRule[] {
  const { earning } = program;
  const applied: AppliedRule[] = [];
  const base = perYuan(context.amountFen, earning.basePointsPerYuan);
  if (base > 0)
    applied.push({
      ruleId: 'base',
      kind: 'base',
      effect: `${earning.basePointsPerYuan}/yuan on ${formatYuan(context.amountFen)}`,
      points: base,
    });
  applied.push(...itemBonuses(earning.itemBonuses, context.items, context.amountFen));

  let total = sum(applied);
  const multiplier = highestCalendarMultiplier(program, context, day);
  if (multiplier) {
    const multiplied = applyPercent(total, multiplier.percent);
    applied.push({
      ...describePercent(multiplier.id, multiplier.kind, multiplier.percent),
      points: multiplied - total,
    });
    total = multiplied;
  }

  const tier = program.tiers.find((candidate) => candidate.id === context.member.tier);
  const tierPercent = tier?.perks.pointsMultiplierPercent ?? 100;
  if (tier && tierPercent > 100) {
    const multiplied = applyPercent(total, tierPercent);
    applied.push({
      ...describePercent(`tier:${tier.id}`, 'tier', tierPercent),
      points: multiplied - total,
    });
    total = multiplied;
  }

  if (earning.capPerAward !== null && total > earning.capPerAward)
    applied.push({
      ruleId: 'cap',
      kind: 'cap',
      effect: `max ${earning.capPerAward}`,
      points: earning.capPerAward - total,
    });
  return applied.filter((rule) => rule.points !== 0);
}

function itemBonuses(
  rules: readonly ItemBonusRule[],
  items: readonly AwardItem[],
  paidFen: number,
): AppliedRule[] {
  // Fen per rule first, rounded once: '+1/yuan on 3.00' then reads and gives 3 points.
  const fenByRule = new Map<ItemBonusRule, number>();
  for (const item of items) {
    const rule = mostSpecificBonus(rules, item);
    if (rule) fenByRule.set(rule, (fenByRule.get(rule) ?? 0) + item.fen);
  }

  const itemsFen = items.reduce((total, item) => total + item.fen, 0);
  return [...fenByRule].map(([rule, listedFen]) => {
    const fen = paidShare(listedFen, paidFen, itemsFen);
    return {
      ruleId: rule.id,
      kind: rule.kind,
      effect: `+${rule.extraPointsPerYuan}/yuan on ${formatYuan(fen)}`,
      points: perYuan(fen, rule.extraPointsPerYuan),
    };
  });
}

/**
 * The part of `paidFen` that paid for `listedFen` of items listed at `itemsFen` in all (U-6.4.1:
 * bonuses on money paid). BigInt: fen up to 10^10 times a basket total overflows 2^53.
 */
function paidShare(listedFen: number, paidFen: number, itemsFen: number): number {
  if (itemsFen <= paidFen) return listedFen;
  return Number((BigInt(listedFen) * BigInt(paidFen)) / BigInt(itemsFen));
}

const SPECIFICITY: ReadonlyArray<ItemBonusRule['kind']> = ['product', 'brand', 'category'];

function mostSpecificBonus(
  rules: readonly ItemBonusRule[],
  item: AwardItem,
): ItemBonusRule | undefined {
  const valueOf = { product: item.sku, brand: item.brand, category: item.category };
  for (const kind of SPECIFICITY) {
    const rule = rules.find(
      (candidate) => candidate.kind === kind && candidate.match === valueOf[kind],
    );
    if (rule) return rule;
  }
  return undefined;
}

function highestCalendarMultiplier(
  program: PointsProgram,
  context: AwardContext,
  day: ShanghaiDay,
): CalendarMultiplier | undefined {
  const matching = program.earning.multipliers.filter((rule) =>
    appliesOn(rule, program, context, day),
  );
  // Highest percent wins; on a tie the first listed, so the explanation is stable.
  return matching.reduce<CalendarMultiplier | undefined>(
    (best, rule) => (best && best.percent >= rule.percent ? best : rule),
    undefined,
  );
}

function appliesOn(
  rule: CalendarMultiplier,
  program: PointsProgram,
  context: AwardContext,
  day: ShanghaiDay,
): boolean {
  const birthDate = context.member.birthDate;
  switch (rule.kind) {
    case 'member-day':
      return (
        program.calendar.memberDays.weekdays.includes(day.weekday) ||
        program.calendar.memberDays.daysOfMonth.includes(day.day)
      );
    case 'holiday':
      return program.calendar.holidays.includes(day.date);
    case 'store-anniversary': {
      const store = program.stores.find((candidate) => candidate.id === context.storeId);
      return store ? isAnniversary(store.anniversary, day) : false;
    }
    case 'birthday-day':
      return birthDate ? isAnniversary(birthDate.slice(5), day) : false;
    case 'birthday-month':
      return birthDate ? Number(birthDate.slice(5, 7)) === day.month : false;
  }
}

function fixedBonus(program: PointsProgram, context: AwardContext): AppliedRule[] {
  const { earning } = program;
  if (context.kind === 'sign-up') {
    const bonus = earning.signUpBonus;
    return bonus && bonus.points > 0
      ? [{ ruleId: bonus.id, kind: 'sign-up', effect: `+${bonus.points}`, points: bonus.points }]
      : [];
  }

  const reached = earning.topUpBonuses
    .filter((bonus) => context.amountFen >= bonus.minFen)
    .reduce<(typeof earning.topUpBonuses)[number] | undefined>(
      (best, bonus) => (best && best.minFen >= bonus.minFen ? best : bonus),
      undefined,
    );
  if (!reached || reached.points === 0) return [];
  return [
    {
      ruleId: reached.id,
      kind: 'top-up',
      effect: `top-up >= ${formatYuan(reached.minFen)}`,
      points: reached.points,
    },
  ];
}

function describePercent(ruleId: string, kind: AppliedKind, percent: number) {
  return { ruleId, kind, effect: `x${formatPercent(percent)}` };
}

/** 200 -> '2', 150 -> '1.5', 125 -> '1.25'. */
function formatPercent(percent: number): string {
  const whole = Math.floor(percent / 100);
  const fraction = String(percent % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

function perYuan(fen: number, pointsPerYuan: number): number {
  return Math.floor((fen * pointsPerYuan) / 100);
}

function applyPercent(points: number, percent: number): number {
  return Math.floor((points * percent) / 100);
}

function sum(rules: readonly AppliedRule[]): number {
  return rules.reduce((total, rule) => total + rule.points, 0);
}

const MAX_FEN = 10_000_000_000;

function assertContext(context: AwardContext): void {
  const isFen = (value: unknown) =>
    Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_FEN;
  if (!isFen(context?.amountFen))
    throw new AppError('POINTS_AWARD_INVALID', { details: { field: 'amountFen' } });
  if (!Array.isArray(context.items) || !context.items.every((item) => isFen(item?.fen)))
    throw new AppError('POINTS_AWARD_INVALID', { details: { field: 'items' } });
  const birthDate = context.member?.birthDate;
  if (
    birthDate !== null &&
    !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(String(birthDate))
  )
    throw new AppError('POINTS_AWARD_INVALID', { details: { field: 'member.birthDate' } });
}
