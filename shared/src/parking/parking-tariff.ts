import { AppError } from '../errors/app-error';

/**
 * A car park's price list (C-4.2.2.6: the rules are shown to the shopper before paying).
 * All money is integer fen; all durations are whole minutes.
 */
export interface ParkingTariff {
  /** A whole stay of at most this many minutes is free; a longer one is charged in full. */
  freeMinutes: number;
  /** Length of a price block; every started block is charged. */
  blockMinutes: number;
  /** Price of one block. */
  blockFen: number;
  /** Most charged for each 24 hours counted from entry (rolling, not per calendar day). */
  capFenPer24h?: number;
  /** A different block price for blocks that start inside a nightly window. */
  night?: NightRate;
}

/**
 * Local Asia/Shanghai clock times 'HH:MM'. A block whose start lies in [start, end) costs
 * `blockFen`; start after end means the window crosses midnight ('22:00' to '07:00').
 */
export interface NightRate {
  start: string;
  end: string;
  blockFen: number;
}

/** The tariff of the field cases: free up to 15 minutes, 3 yuan per 30 minutes, 30 yuan a day. */
export const EXAMPLE_PARKING_TARIFF: ParkingTariff = Object.freeze({
  freeMinutes: 15,
  blockMinutes: 30,
  blockFen: 300,
  capFenPer24h: 3000,
});

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Seconds after local midnight of an 'HH:MM' clock time. */
export function parseClockTime(text: string): number | undefined {
  const match = CLOCK_TIME.exec(String(text ?? ''));
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 : undefined;
}

/** Refuse a tariff that could price a stay wrongly; it usually comes from staff input. */
export function assertParkingTariff(tariff: ParkingTariff): void {
  requireWhole(tariff?.freeMinutes, 'freeMinutes', 0);
  requireWhole(tariff.blockMinutes, 'blockMinutes', 1);
  requireWhole(tariff.blockFen, 'blockFen', 0);
  if (tariff.capFenPer24h !== undefined) requireWhole(tariff.capFenPer24h, 'capFenPer24h', 0);
  if (tariff.night !== undefined) assertNightRate(tariff.night);
}

function assertNightRate(night: NightRate): void {
  const start = parseClockTime(night?.start);
  const end = parseClockTime(night?.end);
  if (start === undefined || end === undefined || start === end) {
    throw new AppError('PARKING_TARIFF_INVALID', { details: { field: 'night' } });
  }

  requireWhole(night.blockFen, 'night.blockFen', 0);
}

function requireWhole(value: unknown, field: string, minimum: number): void {
  if (!Number.isSafeInteger(value) || (value as number) < minimum) {
    throw new AppError('PARKING_TARIFF_INVALID', { details: { field } });
  }
}
