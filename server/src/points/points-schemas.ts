import { z } from 'zod';
import { CATALOGUE_KINDS } from './catalogue-repository';

const MAX_FEN = 10_000_000_000;
// Keys from tills become parts of ledger source keys (120 characters at most).
const KEY = (max: number) => z.string().regex(new RegExp(`^[\\w.:-]{1,${max}}$`));

export const MemberReferenceFields = {
  /** The 10-digit card number inside the member code the till scanned. */
  memberCardNo: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
  pseudonym: z
    .string()
    .regex(/^p_[0-9a-f]{24}$/)
    .optional(),
};

export const AwardItemSchema = z.strictObject({
  sku: z.string().min(1).max(64),
  brand: z.string().min(1).max(64).optional(),
  category: z.string().min(1).max(64).optional(),
  fen: z.number().int().min(0).max(MAX_FEN),
});

export const AwardBody = z.strictObject({
  ...MemberReferenceFields,
  sourceKey: KEY(64),
  kind: z.enum(['purchase', 'top-up']).default('purchase'),
  amountFen: z.number().int().min(0).max(MAX_FEN),
  items: z.array(AwardItemSchema).max(500).default([]),
  storeId: z.string().min(1).max(40).optional(),
  occurredAt: z.iso.datetime({ offset: true }),
});

export const AppliedRuleSchema = z.object({
  ruleId: z.string(),
  kind: z.string(),
  effect: z.string(),
  points: z.number(),
});

export const AwardAnswerSchema = z.object({
  sourceKey: z.string(),
  points: z.number(),
  balance: z.number(),
  applied: z.array(AppliedRuleSchema),
  programVersion: z.number(),
  replayed: z.boolean(),
});

export const RefundBody = z.strictObject({
  sourceKey: KEY(64),
  refundKey: KEY(40),
  amountFen: z.number().int().min(1).max(MAX_FEN),
});

export const RefundAnswerSchema = z.object({
  sourceKey: z.string(),
  refundKey: z.string(),
  pointsReversed: z.number(),
  balance: z.number(),
  replayed: z.boolean(),
});

export const OffsetBody = z.strictObject({
  ...MemberReferenceFields,
  basketFen: z.number().int().min(1).max(MAX_FEN),
  points: z.number().int().min(1).max(MAX_FEN),
  offsetKey: KEY(64),
});

export const OffsetAnswerSchema = z.object({
  reservationId: z.string(),
  status: z.string(),
  basketFen: z.number(),
  offsetFen: z.number(),
  pointsUsed: z.number(),
  amountDueFen: z.number(),
  expiresAt: z.string(),
});

export const SettledOffsetSchema = z.object({
  reservationId: z.string(),
  status: z.string(),
  points: z.number(),
  offsetFen: z.number(),
});

export const ReservationParams = z.strictObject({
  reservationId: z.string().regex(/^rsv_[0-9a-f]{20}$/),
});

export const CatalogueItemSchema = z.object({
  id: z.string(),
  kind: z.enum(CATALOGUE_KINDS),
  title: z.string(),
  description: z.string().nullable(),
  pointsPrice: z.number(),
  valueFen: z.number().nullable(),
  stock: z.number().nullable(),
  inStock: z.boolean(),
});

export const CatalogueAnswerSchema = z.object({
  items: z.array(CatalogueItemSchema),
  cashOffset: z.object({ pointsPerYuan: z.number(), maxSharePercent: z.number() }),
});

export const RedeemBody = z.strictObject({
  itemId: z.string().regex(/^itm_[0-9a-f]{16}$/),
  quantity: z.number().int().min(1).max(10).default(1),
  /** Made by the mini-program once per tap, so a retried request redeems once. */
  requestId: KEY(64),
});

export const RedemptionAnswerSchema = z.object({
  reservationId: z.string(),
  status: z.string(),
  itemId: z.string(),
  title: z.string(),
  kind: z.string(),
  quantity: z.number(),
  points: z.number(),
  valueFen: z.number(),
  fulfilment: z.record(z.string(), z.unknown()).nullable(),
});

export const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});

export const SummaryAnswerSchema = z.object({
  balance: z.number(),
  held: z.number(),
  available: z.number(),
  expiring: z.object({ points: z.number(), firstExpiresAt: z.string() }).nullable(),
  cashOffset: z.object({ pointsPerYuan: z.number(), maxSharePercent: z.number() }),
});

export const HistoryAnswerSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      entryType: z.string(),
      points: z.number(),
      createdAt: z.string(),
      applied: z.array(AppliedRuleSchema),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  nextBefore: z.string().nullable(),
});

const TierSchema = z.object({
  id: z.string(),
  title: z.string(),
  minSpendFen: z.number(),
  perks: z.object({
    pointsMultiplierPercent: z.number(),
    freeParkingHours: z.number(),
    loungeAccess: z.boolean(),
  }),
});

export const TierAnswerSchema = z.object({
  tier: TierSchema,
  earnedTier: z.string(),
  spendFen: z.number(),
  windowMonths: z.number(),
  next: z
    .object({
      id: z.string(),
      title: z.string(),
      minSpendFen: z.number(),
      remainingFen: z.number(),
    })
    .nullable(),
  tiers: z.array(TierSchema),
});

export const NewCatalogueItemBody = z.strictObject({
  kind: z.enum(CATALOGUE_KINDS),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).nullable().default(null),
  pointsPrice: z.number().int().min(1).max(100_000_000),
  valueFen: z.number().int().min(0).max(MAX_FEN).nullable().default(null),
  stock: z.number().int().min(0).max(100_000_000).nullable().default(null),
});

export const CatalogueItemChanges = z.strictObject({
  title: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(500).nullable().optional(),
  pointsPrice: z.number().int().min(1).max(100_000_000).optional(),
  stock: z.number().int().min(0).max(100_000_000).nullable().optional(),
  active: z.boolean().optional(),
});

export const AdjustmentBody = z.strictObject({
  pseudonym: z.string().regex(/^(p|anon)_[0-9a-f]{24}$/),
  points: z
    .number()
    .int()
    .min(-100_000_000)
    .max(100_000_000)
    .refine((points) => points !== 0, 'not zero'),
  reason: z.string().trim().min(2).max(200),
  adjustmentKey: KEY(64),
});
