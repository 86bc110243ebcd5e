import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * velog buckets reads by Korean calendar day, and so do we. Every conversion passes this
 * zone explicitly: the host's zone and luxon's global default are never consulted, so the
 * same instant gives the same day on a server in Seoul, in UTC or in Los Angeles.
 */
export const KST_ZONE = 'Asia/Seoul';

const KST_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date as `YYYY-MM-DD`: the pattern, and a round trip that rejects 02-30. */
function isCalendarDate(value: string): boolean {
  if (!KST_DATE_PATTERN.test(value)) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999, which refused the
  // day before 0100-01-01 that stepping back from an accepted day produces.
  const date = new Date(0);
  date.setUTCFullYear(
    Number(value.slice(0, 4)),
    Number(value.slice(5, 7)) - 1,
    Number(value.slice(8, 10)),
  );
  return date.toISOString().slice(0, 10) === value;
}

/**
 * A KST calendar day as `YYYY-MM-DD`. Sorting these strings sorts the days. A refinement is
 * invisible to the OpenAPI document, so the metadata says what it checks: without it the
 * document promises that any string is a day.
 */
export const KstDate = z
  .string()
  .refine(isCalendarDate, {
    message: 'expected a calendar date as YYYY-MM-DD',
  })
  .meta({ format: 'date', pattern: KST_DATE_PATTERN.source })
  .brand<'KstDate'>();
export type KstDate = z.infer<typeof KstDate>;

function fromDateTime(day: DateTime): KstDate {
  return day.toFormat('yyyy-MM-dd') as KstDate;
}

function requireDay(day: KstDate): DateTime {
  if (!isCalendarDate(day)) throw new RangeError(`not a KST date: ${String(day)}`);
  return DateTime.fromISO(day, { zone: KST_ZONE });
}

/** Validates user input; `null` when it is not a real `YYYY-MM-DD` date. */
export function parseKstDate(input: string): KstDate | null {
  return isCalendarDate(input) ? (input as KstDate) : null;
}

export function isKstDate(input: unknown): input is KstDate {
  return typeof input === 'string' && isCalendarDate(input);
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

// Stepping and counting calendar days needs no zone at all: a date's midnight in UTC stands in
// for the day, and whole-day arithmetic on it is exact. (Parsing with luxon per step was the
// hot spot of every loop over a year of days.)
const DAY_MS = 86_400_000;

function dayNumber(day: KstDate): number {
  if (!isKstDate(day)) throw new RangeError(`not a KST date: ${String(day)}`);
  const date = new Date(0);
  date.setUTCFullYear(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)) - 1,
    Number(day.slice(8, 10)),
  );
  return date.getTime() / DAY_MS;
}

function fromDayNumber(value: number): KstDate {
  return new Date(value * DAY_MS).toISOString().slice(0, 10) as KstDate;
}

export function addKstDays(day: KstDate, days: number): KstDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(dayNumber(day) + days);
}

/** Whole days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export function kstDaysBetween(from: KstDate, to: KstDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function kstDatesBetween(from: KstDate, to: KstDate): KstDate[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  const days: KstDate[] = [];
  for (let value = first; value <= last; value += 1) days.push(fromDayNumber(value));
  return days;
}

/** The ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function kstWeekday(day: KstDate): number {
  return ((new Date(dayNumber(day) * DAY_MS).getUTCDay() + 6) % 7) + 1;
}
