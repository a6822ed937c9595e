import { AppError } from '../errors/app-error';

// Asia/Shanghai is UTC+08:00 all year: China has had no daylight saving time since 1991, so
// a fixed offset is exact and the process TZ never matters.
export const SHANGHAI_OFFSET_SECONDS = 8 * 3600;

export const SECONDS_PER_DAY = 24 * 3600;

// Unix seconds above this are almost certainly milliseconds passed by mistake (year 5138).
const LARGEST_UNIX_SECONDS = 1e11;

// 'YYYY-MM-DD HH:MM[:SS[.fff]]', with a space or a T; no offset (that is the point).
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/** A moment given as a Date or as Unix seconds. */
export type Instant = Date | number;

/**
 * Parse a wall-clock time without an offset, the way plate cameras and kiosks send it
 * ('2023-06-09 16:39:54'), as Asia/Shanghai time whatever the server's TZ. A string with an
 * offset or 'Z' is refused: whoever sends one should send Unix seconds instead.
 */
export function parseShanghaiLocalTime(text: string): Date {
  const match = LOCAL_TIME.exec(String(text ?? '').trim());
  if (!match) throw new AppError('PARKING_TIME_INVALID', { details: { reason: 'format' } });

  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const wallClock = new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds));
  const fields = [year, month - 1, day, hour, minute, second];
  if (!sameFields(wallClock, fields)) {
    throw new AppError('PARKING_TIME_INVALID', { details: { reason: 'no such time' } });
  }

  return new Date(wallClock.getTime() - SHANGHAI_OFFSET_SECONDS * 1000);
}

// Date.UTC rolls 2023-02-30 over to March 2: a rolled-over field means no such time.
function sameFields(date: Date, fields: number[]): boolean {
  const actual = [
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  return actual.every((value, index) => value === fields[index]);
}

/** 'YYYY-MM-DD HH:MM:SS' in Asia/Shanghai, for receipts and staff screens. */
export function formatShanghaiLocalTime(instant: Instant): string {
  const shifted = new Date((toUnixSeconds(instant) + SHANGHAI_OFFSET_SECONDS) * 1000);
  return shifted.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Whole Unix seconds of a Date or of Unix seconds. Sub-second parts are dropped: the
 * camera's `sec` is the authoritative time (lpr-camera-push.md) and tariffs count seconds.
 */
export function toUnixSeconds(instant: Instant): number {
  const seconds = instant instanceof Date ? instant.getTime() / 1000 : instant;
  const isUsable =
    typeof seconds === 'number' &&
    Number.isFinite(seconds) &&
    seconds >= 0 &&
    seconds < LARGEST_UNIX_SECONDS;
  if (!isUsable) throw new AppError('PARKING_TIME_INVALID', { details: { reason: 'not a time' } });

  return Math.floor(seconds);
}

/** Seconds since local midnight in Asia/Shanghai, 0 to 86399. */
export function shanghaiSecondOfDay(unixSeconds: number): number {
  const local = unixSeconds + SHANGHAI_OFFSET_SECONDS;
  return ((local % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
}
