import { afterAll, describe, expect, it } from 'vitest';
import {
  addKstDays,
  isKstDate,
  KstDate,
  kstDatesBetween,
  kstDayRange,
  kstDaysBetween,
  kstToday,
  kstWeekday,
  kstYesterday,
  parseKstDate,
  toKstDate,
} from './kst.js';

const day = (value: string) => KstDate.parse(value);

// The offset each host zone has on 2026-01-15 (minutes, as getTimezoneOffset reports it),
// checked first so that a zone switch that silently did not happen fails the test.
const HOST_ZONES = [
  { tz: 'UTC', januaryOffset: 0 },
  { tz: 'Asia/Seoul', januaryOffset: -540 },
  { tz: 'America/Los_Angeles', januaryOffset: 480 },
  { tz: 'Pacific/Kiritimati', januaryOffset: -840 },
] as const;

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe.each(HOST_ZONES)('KST helpers with the host in $tz', ({ tz, januaryOffset }) => {
  it('runs in that host zone', () => {
    // Node re-reads the zone when TZ is assigned, so the rest of this block really runs there.
    process.env.TZ = tz;
    expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(januaryOffset);
  });

  it('puts KST midnight between 14:59:59.999Z and 15:00:00Z', () => {
    expect(toKstDate(new Date('2026-11-21T14:59:59.999Z'))).toBe('2026-11-21');
    expect(toKstDate(new Date('2026-11-21T15:00:00.000Z'))).toBe('2026-11-22');
  });

  it('crosses month and year edges on the KST calendar', () => {
    expect(toKstDate(new Date('2026-01-31T15:00:00Z'))).toBe('2026-02-01');
    expect(toKstDate(new Date('2026-12-31T14:59:59Z'))).toBe('2026-12-31');
    expect(toKstDate(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
    expect(toKstDate(new Date('2024-02-28T15:00:00Z'))).toBe('2024-02-29');
  });

  it('gives a KST day as its [start, end) instants', () => {
    const range = kstDayRange(day('2026-11-22'));
    expect(range.start.toISOString()).toBe('2026-11-21T15:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-11-22T15:00:00.000Z');
    expect(toKstDate(range.start)).toBe('2026-11-22');
    expect(toKstDate(new Date(range.end.getTime() - 1))).toBe('2026-11-22');
    expect(toKstDate(range.end)).toBe('2026-11-23');
  });

  it('names today and yesterday in KST for a given now', () => {
    const lateUtcEvening = new Date('2026-11-22T16:30:00Z'); // 01:30 on the 23rd in Seoul
    expect(kstToday(lateUtcEvening)).toBe('2026-11-23');
    expect(kstYesterday(lateUtcEvening)).toBe('2026-11-22');
    expect(kstYesterday(new Date('2027-01-01T00:00:00Z'))).toBe('2026-12-31');
  });

  it('steps, counts and lists days across month and year edges', () => {
    expect(addKstDays(day('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addKstDays(day('2026-03-01'), -1)).toBe('2026-02-28');
    expect(addKstDays(day('2024-03-01'), -1)).toBe('2024-02-29');
    expect(kstDaysBetween(day('2026-12-30'), day('2027-01-02'))).toBe(3);
    expect(kstDaysBetween(day('2027-01-02'), day('2026-12-30'))).toBe(-3);
    expect(kstDatesBetween(day('2026-12-30'), day('2027-01-02'))).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(kstDatesBetween(day('2026-01-02'), day('2026-01-01'))).toEqual([]);
  });

  it('names the weekday of a KST date, Monday = 1', () => {
    expect(kstWeekday(day('2026-11-23'))).toBe(1);
    expect(kstWeekday(day('2026-11-22'))).toBe(7);
    expect(kstWeekday(day('2027-01-01'))).toBe(5);
  });
});

describe('validating a YYYY-MM-DD input', () => {
  it('accepts real calendar dates only', () => {
    expect(parseKstDate('2026-11-22')).toBe('2026-11-22');
    expect(parseKstDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-11-31',
      '2026-1-5',
      '20261122',
      '',
      '2026-11-22T00:00:00Z',
      ' 2026-11-22',
    ]) {
      expect(parseKstDate(bad), bad).toBeNull();
      expect(isKstDate(bad), bad).toBe(false);
    }
    expect(isKstDate(20261122)).toBe(false);
  });

  it('reports a bad date through the zod schema', () => {
    const result = KstDate.safeParse('2026-02-30');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('expected a calendar date as YYYY-MM-DD');
  });

  it('refuses an invalid instant instead of inventing a day', () => {
    expect(() => toKstDate(new Date('nope'))).toThrow(RangeError);
    expect(() => addKstDays(day('2026-01-01'), 0.5)).toThrow(RangeError);
  });
});

describe('KST days before the year 100', () => {
  it('step and count across the years JavaScript once read as 19xx', () => {
    const day = KstDate.parse('0100-01-05');
    expect(addKstDays(day, -34)).toBe('0099-12-02');
    expect(KstDate.safeParse('0099-12-02').success).toBe(true);
    expect(kstDaysBetween(KstDate.parse('0099-12-02'), day)).toBe(34);
  });
});
