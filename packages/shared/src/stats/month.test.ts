import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KstDate } from '../time/kst.js';
import {
  firstDayOfMonth,
  KstMonth,
  kstMonthsBetween,
  lastDayOfMonth,
  nextKstMonth,
  previousKstMonth,
} from './month.js';

const anyMonth = fc
  .tuple(fc.integer({ min: 1, max: 9_998 }), fc.integer({ min: 1, max: 12 }))
  .map(([year, month]) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);

describe('KST months', () => {
  it('step to a well-formed month and back, for every year velog could be asked about', () => {
    fc.assert(
      fc.property(anyMonth, (month) => {
        const next = nextKstMonth(month);
        expect(KstMonth.safeParse(next).success).toBe(true);
        expect(next > month).toBe(true);
        expect(previousKstMonth(next)).toBe(month);
        expect(KstMonth.safeParse(previousKstMonth(month)).success || month === '0001-01').toBe(
          true,
        );
      }),
    );
  });

  it('keep a year before 1000 four digits long (found by fuzzing the export)', () => {
    expect(nextKstMonth('0298-01')).toBe('0298-02');
    expect(nextKstMonth('0999-12')).toBe('1000-01');
    expect(lastDayOfMonth('0298-01')).toBe('0298-01-31');
    expect(kstMonthsBetween('0298-01-05' as KstDate, '0298-03-01' as KstDate)).toEqual([
      '0298-01',
      '0298-02',
      '0298-03',
    ]);
    expect(firstDayOfMonth('0298-02')).toBe('0298-02-01');
  });
});
