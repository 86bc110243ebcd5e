import { describe, expect, it } from 'vitest';
import { KstDate } from '../time/kst.js';
import { type DaySnapshot, deriveDailyGains, sumGains } from './daily-gains.js';

const d = (value: string) => KstDate.parse(value);
const snap = (day: string, views: number | null, likes: number | null = null): DaySnapshot => ({
  day: d(day),
  views,
  likes,
});

describe('deriveDailyGains', () => {
  it('gives adjacent days the difference of their snapshots and the first day no gain', () => {
    const days = deriveDailyGains(
      [snap('2026-11-03', 130, 7), snap('2026-11-01', 100, 5), snap('2026-11-02', 112, 5)],
      d('2026-11-01'),
      d('2026-11-03'),
    );
    expect(days.map((day) => [day.day, day.views, day.likes, day.totalViews])).toEqual([
      ['2026-11-01', null, null, 100],
      ['2026-11-02', 12, 0, 112],
      ['2026-11-03', 18, 2, 130],
    ]);
    expect(days.every((day) => day.gap === null && !day.correction)).toBe(true);
  });

  it('uses the latest snapshot before the range as the first day’s baseline', () => {
    const days = deriveDailyGains(
      [snap('2026-10-30', 50), snap('2026-10-31', 90), snap('2026-11-01', 100)],
      d('2026-11-01'),
      d('2026-11-01'),
    );
    expect(days[0]?.views).toBe(10);
  });

  it('keeps a gap as a gap and reports its growth as a span on the closing day', () => {
    const days = deriveDailyGains(
      [snap('2026-11-01', 100, 1), snap('2026-11-04', 160, 4), snap('2026-11-05', 170, 4)],
      d('2026-11-01'),
      d('2026-11-05'),
    );
    expect(days.map((day) => day.views)).toEqual([null, null, null, null, 10]);
    expect(days.map((day) => day.totalViews)).toEqual([100, null, null, 160, 170]);
    expect(days[3]?.gap).toEqual({ days: 3, views: 60, likes: 3 });
    expect(days[4]?.gap).toBeNull();
  });

  it('records a counter that went down as a correction, never a negative day', () => {
    const days = deriveDailyGains(
      [snap('2026-11-01', 100), snap('2026-11-02', 90), snap('2026-11-03', 95)],
      d('2026-11-01'),
      d('2026-11-03'),
    );
    expect(days.map((day) => [day.views, day.correction])).toEqual([
      [null, false],
      [0, true],
      [5, false],
    ]);
  });

  it('treats a day whose views were not read as unobserved for views only', () => {
    const days = deriveDailyGains(
      [snap('2026-11-01', 100, 3), snap('2026-11-02', null, 4), snap('2026-11-03', 120, 6)],
      d('2026-11-01'),
      d('2026-11-03'),
    );
    expect(days.map((day) => [day.views, day.likes])).toEqual([
      [null, null],
      [null, 1],
      [null, 2],
    ]);
    expect(days[2]?.gap).toEqual({ days: 2, views: 20, likes: null });
  });

  it('returns one gap day per day when nothing was observed', () => {
    const days = deriveDailyGains([], d('2026-12-30'), d('2027-01-02'));
    expect(days.map((day) => day.day)).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(days.every((day) => day.views === null && day.totalViews === null)).toBe(true);
  });
});

describe('sumGains', () => {
  it('adds daily gains and the gap spans that lie wholly inside the run', () => {
    const snapshots = [
      snap('2026-11-01', 100),
      snap('2026-11-02', 110),
      snap('2026-11-05', 140),
      snap('2026-11-06', 141),
    ];
    // From the 2nd: +10 (2nd), span of 30 over 3rd–5th (inside), +1 (6th).
    expect(sumGains(deriveDailyGains(snapshots, d('2026-11-02'), d('2026-11-06'))).views).toBe(41);
    // From the 4th the span reaches back to the 3rd, outside the run: only the 6th counts.
    expect(sumGains(deriveDailyGains(snapshots, d('2026-11-04'), d('2026-11-06'))).views).toBe(1);
  });

  it('is null when the run holds no known gain', () => {
    expect(
      sumGains(deriveDailyGains([snap('2026-11-01', 5)], d('2026-11-01'), d('2026-11-03'))),
    ).toEqual({
      views: null,
      likes: null,
    });
  });
});
