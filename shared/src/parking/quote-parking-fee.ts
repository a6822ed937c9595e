import { AppError } from '../errors/app-error';
import { assertParkingTariff, type ParkingTariff } from './parking-tariff';
import { priceParkingBlocks, type ParkingWindowCharge } from './price-parking-blocks';
import { toUnixSeconds, type Instant } from './shanghai-time';

/**
 * What a shopper brings to the exit (C-4.2.2.6, U-6.4.2). The caller has already looked these
 * up and checked the consents; this function only does the arithmetic.
 */
export interface ParkingBenefits {
  /** A monthly pass valid for this stay: nothing to pay. */
  hasActivePass?: boolean;
  /**
   * All free minutes together (member tier free hours plus same-day spending free hours),
   * summed by the caller. Taken off the start of the chargeable time.
   */
  freeMinutes?: number;
  /** Fen the shopper pays with points, converted by the caller; taken off after the cap. */
  pointsOffsetFen?: number;
}

export type ParkingWaiver = 'monthly-pass' | 'grace-period' | 'free-minutes';

/** The fee and everything a kiosk or staff screen needs to explain it. */
export interface ParkingQuote {
  /** What is left to pay, integer fen. */
  fen: number;
  /** The fee before points. */
  grossFen: number;
  pointsOffsetFen: number;
  staySeconds: number;
  /** Started minutes of the whole stay. */
  stayMinutes: number;
  /** Started minutes after member free time. */
  chargeableMinutes: number;
  freeMinutesApplied: number;
  blocks: number;
  nightBlocks: number;
  /** Whether any 24-hour window hit the cap. */
  capped: boolean;
  windows: ParkingWindowCharge[];
  /** Why nothing is charged, when nothing is. */
  waivedBy: ParkingWaiver | null;
}

/**
 * Quote the fee of one stay. Order: a monthly pass pays everything; a whole stay within the
 * tariff's free minutes (grace) is free and uses none of the member's free time; otherwise the
 * member's free minutes come off the start, the rest is priced in started blocks, each rolling
 * 24 hours from entry is capped, and points come off last.
 */
export function quoteParkingFee(
  tariff: ParkingTariff,
  entry: Instant,
  exit: Instant,
  benefits: ParkingBenefits = {},
): ParkingQuote {
  const given = benefits ?? {};
  assertParkingTariff(tariff);
  assertBenefits(given);

  const entrySeconds = toUnixSeconds(entry);
  const staySeconds = toUnixSeconds(exit) - entrySeconds;
  if (staySeconds < 0) {
    throw new AppError('PARKING_TIME_INVALID', { details: { reason: 'exit before entry' } });
  }

  if (given.hasActivePass) return waivedQuote(staySeconds, 'monthly-pass');
  if (staySeconds <= tariff.freeMinutes * 60) return waivedQuote(staySeconds, 'grace-period');
  return chargedQuote(tariff, entrySeconds, staySeconds, given);
}

function chargedQuote(
  tariff: ParkingTariff,
  entrySeconds: number,
  staySeconds: number,
  benefits: ParkingBenefits,
): ParkingQuote {
  const freeSeconds = Math.min((benefits.freeMinutes ?? 0) * 60, staySeconds);
  const period = { entrySeconds, startOffset: freeSeconds, endOffset: staySeconds };
  const windows = priceParkingBlocks(tariff, period);
  const grossFen = sum(windows.map((window) => window.fen));
  const pointsOffsetFen = Math.min(benefits.pointsOffsetFen ?? 0, grossFen);

  return {
    fen: grossFen - pointsOffsetFen,
    grossFen,
    pointsOffsetFen,
    staySeconds,
    stayMinutes: startedMinutes(staySeconds),
    chargeableMinutes: startedMinutes(staySeconds - freeSeconds),
    freeMinutesApplied: startedMinutes(freeSeconds),
    blocks: sum(windows.map((window) => window.blocks)),
    nightBlocks: sum(windows.map((window) => window.nightBlocks)),
    capped: windows.some((window) => window.capped),
    windows,
    waivedBy: windows.length === 0 ? 'free-minutes' : null,
  };
}

function waivedQuote(staySeconds: number, waivedBy: ParkingWaiver): ParkingQuote {
  return {
    fen: 0,
    grossFen: 0,
    pointsOffsetFen: 0,
    staySeconds,
    stayMinutes: startedMinutes(staySeconds),
    chargeableMinutes: 0,
    freeMinutesApplied: 0,
    blocks: 0,
    nightBlocks: 0,
    capped: false,
    windows: [],
    waivedBy,
  };
}

function assertBenefits(benefits: ParkingBenefits): void {
  const counts = { freeMinutes: benefits.freeMinutes, pointsOffsetFen: benefits.pointsOffsetFen };
  for (const [field, value] of Object.entries(counts)) {
    const isValid = value === undefined || (Number.isSafeInteger(value) && value >= 0);
    if (!isValid) throw new AppError('PARKING_BENEFITS_INVALID', { details: { field } });
  }

  const pass = benefits.hasActivePass;
  if (pass !== undefined && typeof pass !== 'boolean') {
    throw new AppError('PARKING_BENEFITS_INVALID', { details: { field: 'hasActivePass' } });
  }
}

function startedMinutes(seconds: number): number {
  return Math.ceil(seconds / 60);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
