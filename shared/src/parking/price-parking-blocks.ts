import type { NightRate, ParkingTariff } from './parking-tariff';
import { parseClockTime } from './parking-tariff';
import { SECONDS_PER_DAY, shanghaiSecondOfDay } from './shanghai-time';

/** What one rolling 24-hour window of a stay costs; index 0 starts at entry. */
export interface ParkingWindowCharge {
  index: number;
  blocks: number;
  nightBlocks: number;
  uncappedFen: number;
  fen: number;
  capped: boolean;
}

/** The chargeable part of a stay, in seconds counted from entry. */
export interface ChargeablePeriod {
  entrySeconds: number;
  startOffset: number;
  endOffset: number;
}

/**
 * Price every started block of the chargeable period. Blocks are laid from the start of the
 * chargeable period; a block belongs to the 24-hour window (counted from entry, not from
 * midnight) in which it starts, and the cap applies to each window on its own.
 */
export function priceParkingBlocks(
  tariff: ParkingTariff,
  period: ChargeablePeriod,
): ParkingWindowCharge[] {
  const blockSeconds = tariff.blockMinutes * 60;
  const blockCount = Math.ceil((period.endOffset - period.startOffset) / blockSeconds);
  const windows: ParkingWindowCharge[] = [];

  for (let block = 0; block < blockCount;) {
    const index = Math.floor((period.startOffset + block * blockSeconds) / SECONDS_PER_DAY);
    const windowEnd = (index + 1) * SECONDS_PER_DAY;
    const firstBlockAfter = Math.ceil((windowEnd - period.startOffset) / blockSeconds);
    const nextBlock = Math.min(blockCount, firstBlockAfter);
    const blockStarts = listBlockStarts(period, blockSeconds, block, nextBlock);
    windows.push(priceWindow(tariff, index, blockStarts));
    block = nextBlock;
  }

  return windows;
}

function listBlockStarts(
  period: ChargeablePeriod,
  blockSeconds: number,
  from: number,
  to: number,
): number[] {
  const firstStart = period.entrySeconds + period.startOffset;
  return Array.from(
    { length: to - from },
    (_, offset) => firstStart + (from + offset) * blockSeconds,
  );
}

function priceWindow(
  tariff: ParkingTariff,
  index: number,
  blockStarts: number[],
): ParkingWindowCharge {
  const night = tariff.night;
  const nightBlocks = night ? blockStarts.filter((start) => startsAtNight(night, start)).length : 0;
  const dayBlocks = blockStarts.length - nightBlocks;
  const uncappedFen = dayBlocks * tariff.blockFen + nightBlocks * (night?.blockFen ?? 0);
  const cap = tariff.capFenPer24h ?? Number.POSITIVE_INFINITY;
  const fen = Math.min(uncappedFen, cap);

  return {
    index,
    blocks: blockStarts.length,
    nightBlocks,
    uncappedFen,
    fen,
    capped: uncappedFen > cap,
  };
}

/** Whether a block starting at this Unix second starts inside the night window (local time). */
export function startsAtNight(night: NightRate, unixSeconds: number): boolean {
  const second = shanghaiSecondOfDay(unixSeconds);
  const start = parseClockTime(night.start) ?? 0;
  const end = parseClockTime(night.end) ?? 0;
  return start < end ? second >= start && second < end : second >= start || second < end;
}
