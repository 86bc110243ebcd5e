import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * velog buckets reads by Korean calendar day, and so do we. Every conversion passes this
 * zone explicitly: the host's zone and luxon's global default are never consulted, so the
 * same instant gives the same day on a server in Seoul, in UTC or in Los Angeles.
 */
export const KST_ZONE = 'Asia/Seoul';

const KST_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(value: string): DateTime | null {
  if (!KST_DATE_PATTERN.test(value)) return null;
  const day = DateTime.fromISO(value, { zone: KST_ZONE });
  return day.isValid ? day : null;
}

/** A KST calendar day as `YYYY-MM-DD`. Sorting these strings sorts the days. */
export const KstDate = z
  .string()
  .refine((value) => parseDay(value) !== null, {
    message: 'expected a calendar date as YYYY-MM-DD',
  })
  .brand<'KstDate'>();
export type KstDate = z.infer<typeof KstDate>;

function fromDateTime(day: DateTime): KstDate {
  return day.toFormat('yyyy-MM-dd') as KstDate;
}

function requireDay(day: KstDate): DateTime {
  const parsed = parseDay(day);
  if (parsed === null) throw new RangeError(`not a KST date: ${String(day)}`);
  return parsed;
}

/** Validates user input; `null` when it is not a real `YYYY-MM-DD` date. */
export function parseKstDate(input: string): KstDate | null {
  return parseDay(input) === null ? null : (input as KstDate);
}

export function isKstDate(input: unknown): input is KstDate {
  return typeof input === 'string' && parseDay(input) !== null;
}

/** The KST calendar day an instant falls on. */
export function toKstDate(instant: Date): KstDate {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid Date');
  return fromDateTime(DateTime.fromMillis(time, { zone: KST_ZONE }));
}

/** A KST day as the half-open range of instants `[start, end)` it covers. */
export function kstDayRange(day: KstDate): { start: Date; end: Date } {
  const start = requireDay(day).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

export function kstToday(now: Date): KstDate {
  return toKstDate(now);
}

export function kstYesterday(now: Date): KstDate {
  return addKstDays(kstToday(now), -1);
}

export function addKstDays(day: KstDate, days: number): KstDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDateTime(requireDay(day).plus({ days }));
}

/** Whole days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export function kstDaysBetween(from: KstDate, to: KstDate): number {
  return Math.round(requireDay(to).diff(requireDay(from), 'days').days);
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function kstDatesBetween(from: KstDate, to: KstDate): KstDate[] {
  const count = kstDaysBetween(from, to);
  const days: KstDate[] = [];
  for (let offset = 0; offset <= count; offset += 1) days.push(addKstDays(from, offset));
  return days;
}
