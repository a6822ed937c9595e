import { z } from 'zod';
import { AppError, assertParkingTariff, type ParkingTariff } from '@memberkit/shared';

const CLOCK = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const FEN = z.number().int().min(0).max(10_000_000);

/** A lot's price list as staff send it; assertParkingTariff then checks it as a whole. */
export const TariffSchema = z.strictObject({
  freeMinutes: z.number().int().min(0).max(1440),
  blockMinutes: z.number().int().min(1).max(1440),
  blockFen: FEN,
  capFenPer24h: FEN.optional(),
  night: z.strictObject({ start: CLOCK, end: CLOCK, blockFen: FEN }).optional(),
});

/**
 * How a lot treats cars and members beyond the tariff (C-4.2.2.6, U-6.4.2). Member benefits:
 * free hours by tier (the points programme's tier perks unless overridden here) and free
 * hours for same-day spending at the till (the highest threshold reached counts).
 */
export const LotPolicySchema = z.strictObject({
  /** After a payment, how long the car may take to reach the exit. */
  graceMinutesAfterPayment: z.number().int().min(0).max(120).default(15),
  /** What an adapter does offline with a plate it knows nothing about at the entry. */
  offlineUnknownEntry: z.enum(['open', 'closed']).default('open'),
  /** D-7.1: closed stays of non-members are anonymised after this many days. */
  nonMemberRetentionDays: z.number().int().min(1).max(365).default(30),
  tierFreeHours: z.record(z.string(), z.number().int().min(0).max(24)).optional(),
  spendFreeHours: z
    .array(z.strictObject({ minSpendFen: FEN, freeHours: z.number().int().min(1).max(24) }))
    .max(10)
    .default([
      { minSpendFen: 10_000, freeHours: 1 },
      { minSpendFen: 30_000, freeHours: 3 },
    ]),
  /** A second read of the same car at the entry within this many seconds is the same stay. */
  repeatEntrySeconds: z.number().int().min(0).max(3600).default(300),
});

export type LotPolicy = z.output<typeof LotPolicySchema>;
export type LotPolicyInput = z.input<typeof LotPolicySchema>;

export function parseTariff(value: unknown): ParkingTariff {
  const result = TariffSchema.safeParse(value);
  if (!result.success) {
    const field = result.error.issues[0]?.path.map(String).join('.') || '(root)';
    throw new AppError('PARKING_TARIFF_INVALID', { details: { field } });
  }

  const tariff = stripUndefined(result.data) as ParkingTariff;
  assertParkingTariff(tariff);
  return tariff;
}

export function parsePolicy(value: unknown): LotPolicy {
  const result = LotPolicySchema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    problem: issue.code,
  }));
  throw new AppError('VALIDATION_FAILED', { details: { issues } });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
