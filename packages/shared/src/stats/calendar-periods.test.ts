import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DailyGain } from '../models/daily-gain.js';
import { addKstDays, KstDate, kstDaysBetween, kstWeekday } from '../time/kst.js';
import {
  comparedSpans,
  kstWeekStart,
  periodChange,
  type SpanViews,
  unobservedDays,
} from './calendar-periods.js';
import { lastDayOfMonth } from './month.js';

const day = (value: string) => KstDate.parse(value);

/** Any day from 1990 to 2100. */
const anyDay = fc
  .integer({ min: 0, max: 40_000 })
  .map((offset) => addKstDays(day('1990-01-01'), offset));
const anyUnit = fc.constantFrom('week' as const, 'month' as const);

describe('comparedSpans', () => {
  it('compares Monday to yesterday with the same weekdays of last week (KST)', () => {
    // 2026-11-26 is a Thursday: Mon 23 – Wed 25 against Mon 16 – Wed 18.
    expect(comparedSpans('week', day('2026-11-26'))).toEqual({
      unit: 'week',
      current: { from: '2026-11-23', to: '2026-11-25' },
      previous: { from: '2026-11-16', to: '2026-11-18' },
      days: 3,
      complete: false,
    });
  });

  it('on a Monday compares the last complete week with the one before', () => {
    expect(comparedSpans('week', day('2026-11-23'))).toEqual({
      unit: 'week',
      current: { from: '2026-11-16', to: '2026-11-22' },
      previous: { from: '2026-11-09', to: '2026-11-15' },
      days: 7,
      complete: true,
    });
  });

  it('compares the month so far with as many days of the month before', () => {
    expect(comparedSpans('month', day('2026-11-22'))).toMatchObject({
      current: { from: '2026-11-01', to: '2026-11-21' },
      previous: { from: '2026-10-01', to: '2026-10-21' },
      days: 21,
      complete: false,
    });
    // On the 1st, the last complete month against the month before, cut to the shorter one.
    expect(comparedSpans('month', day('2026-11-01'))).toMatchObject({
      current: { from: '2026-10-01', to: '2026-10-30' },
      previous: { from: '2026-09-01', to: '2026-09-30' },
      days: 30,
      complete: false,
    });
    expect(comparedSpans('month', day('2026-12-01'))).toMatchObject({
      current: { from: '2026-11-01', to: '2026-11-30' },
      previous: { from: '2026-10-01', to: '2026-10-30' },
      days: 30,
      complete: true,
    });
    // After February: 1–28 March against 1–28 February, never a longer span against a shorter.
    expect(comparedSpans('month', day('2027-03-31'))).toMatchObject({
      current: { from: '2027-03-01', to: '2027-03-28' },
      previous: { from: '2027-02-01', to: '2027-02-28' },
      days: 28,
    });
  });

  it('steps back across a year end', () => {
    expect(comparedSpans('month', day('2027-01-10'))).toMatchObject({
      current: { from: '2027-01-01', to: '2027-01-09' },
      previous: { from: '2026-12-01', to: '2026-12-09' },
    });
    expect(comparedSpans('week', day('2027-01-01'))).toMatchObject({
      current: { from: '2026-12-28', to: '2026-12-31' },
      previous: { from: '2026-12-21', to: '2026-12-24' },
    });
  });

  it('always compares two spans of the same length, both before today, the earlier first', () => {
    fc.assert(
      fc.property(anyUnit, anyDay, (unit, today) => {
        const spans = comparedSpans(unit, today);
        const { current, previous, days } = spans;
        expect(kstDaysBetween(current.from, current.to) + 1).toBe(days);
        expect(kstDaysBetween(previous.from, previous.to) + 1).toBe(days);
        expect(days).toBeGreaterThanOrEqual(1);
        expect(current.to < today).toBe(true);
        expect(previous.to < current.from).toBe(true);
        // The last complete day is always in the comparison unless a month was cut short.
        if (unit === 'week') expect(current.to).toBe(addKstDays(today, -1));
      }),
    );
  });

  it('starts weeks on a Monday and months on the 1st, one period apart', () => {
    fc.assert(
      fc.property(anyUnit, anyDay, (unit, today) => {
        const { current, previous, complete } = comparedSpans(unit, today);
        if (unit === 'week') {
          expect(kstWeekday(current.from)).toBe(1);
          expect(kstDaysBetween(previous.from, current.from)).toBe(7);
          expect(complete).toBe(kstWeekday(today) === 1);
        } else {
          expect(current.from.endsWith('-01')).toBe(true);
          expect(previous.from.endsWith('-01')).toBe(true);
          expect(addKstDays(current.from, -1) <= lastDayOfMonth(previous.from.slice(0, 7))).toBe(
            true,
          );
          expect(kstDaysBetween(previous.from, current.from)).toBeGreaterThanOrEqual(28);
          expect(kstDaysBetween(previous.from, current.from)).toBeLessThanOrEqual(31);
          expect(complete).toBe(current.to === lastDayOfMonth(current.from.slice(0, 7)));
        }
      }),
    );
  });
});

describe('kstWeekStart', () => {
  it('is the Monday on or before the day, within the same week', () => {
    fc.assert(
      fc.property(anyDay, (value) => {
        const monday = kstWeekStart(value);
        expect(kstWeekday(monday)).toBe(1);
        expect(kstDaysBetween(monday, value)).toBe(kstWeekday(value) - 1);
      }),
    );
  });
});

function figure(value: string, views: number | null, gap: DailyGain['gap'] = null): DailyGain {
  return {
    day: day(value),
    views,
    likes: views === null ? null : 0,
    totalViews: null,
    totalLikes: null,
    correction: false,
    partial: false,
    gap,
  };
}

describe('unobservedDays', () => {
  const span = { from: day('2026-11-16'), to: day('2026-11-18') };

  it('counts a day without a figure, never as a zero', () => {
    const days = [figure('2026-11-16', 5), figure('2026-11-17', null), figure('2026-11-18', 0)];
    expect(unobservedDays(days, span)).toBe(1);
  });

  it('counts no day inside a gap that opened within the span: its growth is in the total', () => {
    const days = [
      figure('2026-11-16', 5),
      figure('2026-11-17', null),
      figure('2026-11-18', null, { days: 2, views: 8, likes: 0 }),
    ];
    expect(unobservedDays(days, span)).toBe(0);
  });

  it('counts the days of a gap reaching back before the span: the total leaves its growth out', () => {
    const days = [
      figure('2026-11-16', null),
      figure('2026-11-17', 3, { days: 3, views: 8, likes: 0 }),
      figure('2026-11-18', 4),
    ];
    expect(unobservedDays(days, span)).toBe(2);
  });

  it('counts a partial last day: the missed post’s growth lands after the span', () => {
    const partial = { ...figure('2026-11-18', 10), partial: true };
    expect(unobservedDays([figure('2026-11-16', 5), figure('2026-11-17', 5), partial], span)).toBe(
      1,
    );
  });

  it('counts no partial day followed by a day every post was read: the growth is inside', () => {
    const partial = { ...figure('2026-11-16', 10), partial: true };
    const alsoPartial = { ...figure('2026-11-17', 10), partial: true };
    expect(unobservedDays([partial, figure('2026-11-17', 5), figure('2026-11-18', 5)], span)).toBe(
      0,
    );
    expect(unobservedDays([partial, alsoPartial, figure('2026-11-18', 5)], span)).toBe(0);
    expect(
      unobservedDays(
        [partial, figure('2026-11-17', 5), { ...alsoPartial, day: day('2026-11-18') }],
        span,
      ),
    ).toBe(1);
  });

  it('is never more than the span and zero when every day has a figure', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat(100), { nil: null }), { minLength: 1, maxLength: 31 }),
        (values) => {
          const from = day('2026-10-01');
          const to = addKstDays(from, values.length - 1);
          const days = values.map((views, n) => figure(addKstDays(from, n), views));
          const unknown = unobservedDays(days, { from, to });
          expect(unknown).toBe(values.filter((views) => views === null).length);
        },
      ),
    );
  });
});

describe('periodChange', () => {
  const span = (views: number | null, unobserved = 0): SpanViews => ({
    from: day('2026-11-16'),
    to: day('2026-11-22'),
    days: 7,
    views,
    unobservedDays: unobserved,
  });

  it('is the ratio of two fully observed spans', () => {
    expect(periodChange(span(125), span(100))).toBeCloseTo(0.25, 10);
  });

  it('gives no ratio when a day is unobserved or the earlier span had no views', () => {
    expect(periodChange(span(125, 1), span(100))).toBeNull();
    expect(periodChange(span(125), span(100, 2))).toBeNull();
    expect(periodChange(span(125), span(0))).toBeNull();
    expect(periodChange(span(null), span(100))).toBeNull();
  });
});
