import { shanghaiDay, shanghaiMonthStart } from './shanghai-calendar';

/** Points earned together, spent and expired together: one award's lot. */
export interface PointsLot {
  id: number | string;
  remaining: number;
  /** ISO or SQL UTC text; compared as instants. */
  expiresAt: string | Date;
}

export interface LotAllocation {
  lotId: number | string;
  points: number;
}

/**
 * The instant a lot earned at `earnedAt` expires: the end (24:00 Asia/Shanghai) of the month
 * `months` months after the month it was earned in. Points earned on 15 March 2024 with
 * months = 12 last until 31 March 2025 24:00, so shoppers read one date per month.
 */
export function lotExpiresAt(earnedAt: Date, months: number): Date {
  const day = shanghaiDay(earnedAt);
  return shanghaiMonthStart(day.year, day.month + months + 1);
}

/**
 * Take `points` from lots first in, first out: the lot that expires first is used first, ties
 * by the older lot. Returns what each lot gives and what no lot could cover.
 */
export function allocateFifo(
  lots: readonly PointsLot[],
  points: number,
): { allocations: LotAllocation[]; shortfall: number } {
  const ordered = [...lots]
    .filter((lot) => lot.remaining > 0)
    .sort((a, b) => toTime(a.expiresAt) - toTime(b.expiresAt) || compareIds(a.id, b.id));
  const allocations: LotAllocation[] = [];
  let left = points;
  for (const lot of ordered) {
    if (left <= 0) break;
    const taken = Math.min(lot.remaining, left);
    allocations.push({ lotId: lot.id, points: taken });
    left -= taken;
  }
  return { allocations, shortfall: Math.max(0, left) };
}

/**
 * Points to take back for a refund, proportional to the money refunded. Computed on the
 * running totals, so several partial refunds of one purchase together reverse exactly what it
 * earned and never more.
 */
export function pointsToReverse(refund: {
  awardPoints: number;
  awardFen: number;
  refundedFenBefore: number;
  reversedPointsBefore: number;
  refundFen: number;
}): number {
  const refundedFen = refund.refundedFenBefore + refund.refundFen;
  const dueInTotal =
    refund.awardFen === 0 || refundedFen >= refund.awardFen
      ? refund.awardPoints
      : Math.floor((refund.awardPoints * refundedFen) / refund.awardFen);
  return Math.max(0, dueInTotal - refund.reversedPointsBefore);
}

function toTime(value: string | Date): number {
  if (value instanceof Date) return value.getTime();
  const text = value.includes('T') ? value : `${value.replace(' ', 'T')}Z`;
  return new Date(text).getTime();
}

function compareIds(a: number | string, b: number | string): number {
  return Number(a) - Number(b);
}
