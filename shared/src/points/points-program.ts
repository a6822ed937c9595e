import { z } from 'zod';
import { AppError } from '../errors/app-error';

/**
 * The points programme as plain, declarative data (U-6.4.1, U-6.4.2, U-6.6.1a): staff publish
 * it, the server stores it as JSON, and the pure functions beside this file read it. Money is
 * integer fen; every multiplier is an integer percent (200 = double) so no award ever passes
 * through floating point.
 */
const RULE_ID = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
const MONTH_DAY = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const WHOLE = z.number().int().min(0).max(1_000_000_000);
const PERCENT = z.number().int().min(100).max(1000);

export const ItemBonusRuleSchema = z.strictObject({
  id: RULE_ID,
  /** What the rule matches on an item: its SKU, its brand or its category. */
  kind: z.enum(['product', 'brand', 'category']),
  match: z.string().min(1).max(64),
  /** Extra points for every yuan spent on a matching item, on top of the base points. */
  extraPointsPerYuan: z.number().int().min(1).max(100),
});

export const CalendarMultiplierSchema = z.strictObject({
  id: RULE_ID,
  kind: z.enum(['member-day', 'holiday', 'store-anniversary', 'birthday-day', 'birthday-month']),
  percent: PERCENT,
});

export const EarningRulesSchema = z.strictObject({
  basePointsPerYuan: z.number().int().min(0).max(100),
  itemBonuses: z.array(ItemBonusRuleSchema).max(500),
  multipliers: z.array(CalendarMultiplierSchema).max(20),
  signUpBonus: z.strictObject({ id: RULE_ID, points: WHOLE }).nullable(),
  /** A top-up (stored value) earns the bonus of the highest threshold it reaches. */
  topUpBonuses: z.array(z.strictObject({ id: RULE_ID, minFen: WHOLE, points: WHOLE })).max(20),
  /** Most points one purchase can earn after every multiplier; null for no cap. */
  capPerAward: WHOLE.nullable(),
});

export const PointsCalendarSchema = z.strictObject({
  memberDays: z.strictObject({
    /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).max(7),
    daysOfMonth: z.array(z.number().int().min(1).max(31)).max(31),
  }),
  /** Asia/Shanghai dates. */
  holidays: z.array(z.iso.date()).max(400),
});

export const TierSchema = z.strictObject({
  id: RULE_ID,
  title: z.string().min(1).max(20),
  minSpendFen: WHOLE,
  perks: z.strictObject({
    pointsMultiplierPercent: PERCENT,
    freeParkingHours: z.number().int().min(0).max(24),
    loungeAccess: z.boolean(),
  }),
});

export const PointsProgramSchema = z
  .strictObject({
    version: z.number().int().min(1),
    earning: EarningRulesSchema,
    calendar: PointsCalendarSchema,
    stores: z.array(z.strictObject({ id: z.string().min(1).max(40), anniversary: MONTH_DAY })),
    /** Ascending by minSpendFen; the first is where every member starts (spend 0). */
    tiers: z.array(TierSchema).min(1).max(10),
    /** Cash offset at the till: this many points are worth one yuan, for every member alike. */
    cashOffset: z.strictObject({
      pointsPerYuan: z.number().int().min(1).max(10_000),
      maxSharePercent: z.number().int().min(0).max(100),
    }),
    /** Points of one award expire at the end of the month this many months after it. */
    expiry: z.strictObject({ months: z.number().int().min(1).max(120) }),
  })
  .superRefine((program, context) => {
    const problem = describeInconsistency(program);
    if (problem) context.addIssue({ code: 'custom', message: problem, path: [] });
  });

export type PointsProgram = z.infer<typeof PointsProgramSchema>;
export type EarningRules = PointsProgram['earning'];
export type PointsCalendar = PointsProgram['calendar'];
export type TierDefinition = PointsProgram['tiers'][number];
export type ItemBonusRule = z.infer<typeof ItemBonusRuleSchema>;
export type CalendarMultiplier = z.infer<typeof CalendarMultiplierSchema>;
export type CashOffsetRate = PointsProgram['cashOffset'];

function describeInconsistency(program: {
  earning: z.infer<typeof EarningRulesSchema>;
  tiers: Array<z.infer<typeof TierSchema>>;
}): string | undefined {
  const [first, ...rest] = program.tiers;
  if (first.minSpendFen !== 0) return 'the first tier must start at spend 0';
  const ascending = rest.every(
    (tier, index) => tier.minSpendFen > program.tiers[index].minSpendFen,
  );
  if (!ascending) return 'tiers must be in strictly ascending order of minSpendFen';

  const ruleIds = [
    ...program.earning.itemBonuses.map((rule) => rule.id),
    ...program.earning.multipliers.map((rule) => rule.id),
    ...program.earning.topUpBonuses.map((rule) => rule.id),
    ...(program.earning.signUpBonus ? [program.earning.signUpBonus.id] : []),
  ];
  if (new Set(ruleIds).size !== ruleIds.length) return 'rule ids must be unique';
  if (new Set(program.tiers.map((tier) => tier.id)).size !== program.tiers.length)
    return 'tier ids must be unique';
  return undefined;
}

/** Validate a programme from staff input or storage; POINTS_RULES_INVALID names the paths. */
export function parsePointsProgram(value: unknown): PointsProgram {
  const result = PointsProgramSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    problem: issue.code === 'custom' ? issue.message : issue.code,
  }));
  throw new AppError('POINTS_RULES_INVALID', { details: { issues } });
}

/**
 * What a new installation runs until staff publish their own: 1 point per yuan, double points
 * on the 18th (a common mall member day), 1.5x on holidays, 3x on a store's anniversary,
 * double in the birthday month, four tiers by rolling 12-month spend.
 */
export const DEFAULT_POINTS_PROGRAM: PointsProgram = Object.freeze({
  version: 1,
  earning: {
    basePointsPerYuan: 1,
    itemBonuses: [],
    multipliers: [
      { id: 'member-day', kind: 'member-day', percent: 200 },
      { id: 'holiday', kind: 'holiday', percent: 150 },
      { id: 'store-anniversary', kind: 'store-anniversary', percent: 300 },
      { id: 'birthday-month', kind: 'birthday-month', percent: 200 },
    ],
    signUpBonus: { id: 'sign-up', points: 100 },
    topUpBonuses: [
      { id: 'top-up-500', minFen: 50_000, points: 50 },
      { id: 'top-up-1000', minFen: 100_000, points: 120 },
    ],
    capPerAward: 50_000,
  },
  calendar: { memberDays: { weekdays: [], daysOfMonth: [18] }, holidays: [] },
  stores: [],
  tiers: [
    tier('regular', '普通会员', 0, 100, 0, false),
    tier('silver', '银卡会员', 500_000, 110, 1, false),
    tier('gold', '金卡会员', 2_000_000, 125, 2, false),
    tier('platinum', '白金会员', 5_000_000, 150, 3, true),
  ],
  cashOffset: { pointsPerYuan: 100, maxSharePercent: 50 },
  expiry: { months: 12 },
}) as PointsProgram;

function tier(
  id: string,
  title: string,
  minSpendFen: number,
  pointsMultiplierPercent: number,
  freeParkingHours: number,
  loungeAccess: boolean,
): TierDefinition {
  return {
    id,
    title,
    minSpendFen,
    perks: { pointsMultiplierPercent, freeParkingHours, loungeAccess },
  };
}
