import { AppError } from '../errors/app-error';
import type { CashOffsetRate } from './points-program';

export interface AmountDue {
  basketFen: number;
  /** What the points take off the basket. */
  offsetFen: number;
  /** Points actually used: never more than offered, never more than the offset is worth. */
  pointsUsed: number;
  amountDueFen: number;
}

/**
 * The till's amount due when a shopper pays part of a basket with points (U-6.4.2 cash
 * offset). U-6.7.2: it takes the basket, the points and the published rate and nothing else:
 * no member, tier or profile reaches this function, so the same basket and points cost every
 * shopper the same. The offset is at most `maxSharePercent` of the basket, rounded down to
 * whole fen, and only the points that offset is worth are used (rounded up to whole points).
 */
export function amountDue(basketFen: number, pointsToUse: number, rate: CashOffsetRate): AmountDue {
  requireWhole(basketFen, 'basketFen');
  requireWhole(pointsToUse, 'points');
  if (!Number.isSafeInteger(rate?.pointsPerYuan) || rate.pointsPerYuan < 1)
    throw new AppError('POINTS_OFFSET_INVALID', { details: { field: 'pointsPerYuan' } });

  const maxOffsetFen = Math.floor((basketFen * rate.maxSharePercent) / 100);
  const offeredFen = Math.floor((pointsToUse * 100) / rate.pointsPerYuan);
  const offsetFen = Math.min(offeredFen, maxOffsetFen);
  const pointsUsed = Math.ceil((offsetFen * rate.pointsPerYuan) / 100);
  return { basketFen, offsetFen, pointsUsed, amountDueFen: basketFen - offsetFen };
}

function requireWhole(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > 10_000_000_000)
    throw new AppError('POINTS_OFFSET_INVALID', { details: { field } });
}
