import { AppError } from '../errors/app-error';
import { SHANGHAI_OFFSET_SECONDS } from '../parking/shanghai-time';

/** A calendar day in Asia/Shanghai, the day every points rule is judged by. */
export interface ShanghaiDay {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** 'YYYY-MM-DD'. */
  date: string;
  /** 'MM-DD'. */
  monthDay: string;
}

/**
 * The Asia/Shanghai day of an instant. Shanghai is UTC+08:00 all year (no daylight saving
 * since 1991), so shifting by the fixed offset and reading UTC fields is exact and never looks
 * at the process TZ: 00:10 on the 1st in Shanghai is the 1st, even where the server's clock
 * says it is still the last day of the month before.
 */
export function shanghaiDay(instant: Date): ShanghaiDay {
  const time = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new AppError('POINTS_AWARD_INVALID', { details: { field: 'occurredAt' } });
  }

  const shifted = new Date(time + SHANGHAI_OFFSET_SECONDS * 1000);
  const date = shifted.toISOString().slice(0, 10);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay() === 0 ? 7 : shifted.getUTCDay(),
    date,
    monthDay: date.slice(5),
  };
}

/** The instant of 00:00 Asia/Shanghai on the first day of a month (month may run past 12). */
export function shanghaiMonthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - SHANGHAI_OFFSET_SECONDS * 1000);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether an 'MM-DD' anniversary (a birthday, a store opening) falls on this day. A 29
 * February anniversary is kept on 28 February in other years, so it is never skipped.
 */
export function isAnniversary(monthDay: string, today: ShanghaiDay): boolean {
  if (monthDay === today.monthDay) return true;
  return monthDay === '02-29' && today.monthDay === '02-28' && !isLeapYear(today.year);
}
