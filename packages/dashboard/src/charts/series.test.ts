import type { DailyGain, KstDate } from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import {
  dailyPoints,
  gapAveragePoints,
  sinceReleasePoints,
  sumObserved,
  tickUnit,
  totalPoints,
} from './series.js';

const day = (
  d: string,
  views: number | null,
  totalViews: number | null,
  correction = false,
): DailyGain => ({
  day: d as KstDate,
  views,
  likes: views === null ? null : 1,
  totalViews,
  totalLikes: totalViews === null ? null : 10,
  correction,
  partial: false,
  gap: null,
});

const days = [
  day('2026-11-20', 5, 105),
  day('2026-11-21', null, null),
  day('2026-11-22', 0, 103, true),
  day('2026-11-23', 7, 110),
];

describe('time series', () => {
  it('places each day at its KST midnight and keeps gaps as null', () => {
    const points = dailyPoints(days, 'views');
    // KST midnight of the 20th is 15:00 UTC on the 19th.
    expect(points[0]).toEqual({ x: Date.parse('2026-11-19T15:00:00Z'), y: 5 });
    expect(points[1]?.y).toBeNull();
    expect((points[3]?.x ?? 0) - (points[2]?.x ?? 0)).toBe(24 * 3600 * 1000);
    expect(totalPoints(days, 'views').map((p) => p.y)).toEqual([105, null, 103, 110]);
    expect(totalPoints(days, 'likes').map((p) => p.y)).toEqual([10, null, 10, 10]);
  });

  it('sums observed days only, and says null when none was observed', () => {
    expect(sumObserved(days, 'views')).toBe(12);
    expect(sumObserved([day('2026-11-21', null, null)], 'views')).toBeNull();
  });

  it('draws a day on which more likes were taken back than given below zero, and nets it', () => {
    const series = [{ ...day('2026-11-20', 5, 105), likes: -2 }, day('2026-11-21', 3, 108)];
    expect(dailyPoints(series, 'likes').map((p) => p.y)).toEqual([-2, 1]);
    expect(sumObserved(series, 'likes')).toBe(-1);
  });
});

describe('gapAveragePoints', () => {
  it('spreads growth over the unobserved stretch that closes on a day, and nowhere else', () => {
    const closing = { ...day('2026-11-22', null, 130), gap: { days: 3, views: 30, likes: null } };
    const series = [
      day('2026-11-19', 4, 100),
      day('2026-11-20', null, null),
      day('2026-11-21', null, null),
      closing,
      day('2026-11-23', 5, 135),
    ];
    expect(gapAveragePoints(series, 'views').map((p) => p.y)).toEqual([null, 10, 10, 10, null]);
    // Likes were not known across the gap, so nothing is drawn for them.
    expect(gapAveragePoints(series, 'likes').every((p) => p.y === null)).toBe(true);
  });
});

describe('sinceReleasePoints', () => {
  it('counts days from the KST publication day and cuts at the span', () => {
    const points = sinceReleasePoints(days, '2026-11-21' as KstDate, 2);
    expect(points.map((p) => [p.x, p.day, p.views])).toEqual([
      [0, '2026-11-21', null],
      [1, '2026-11-22', 0],
    ]);
  });
});

describe('tickUnit', () => {
  it('ticks days for a month, weeks for a season, months beyond', () => {
    expect(tickUnit(7)).toBe('day');
    expect(tickUnit(31)).toBe('day');
    expect(tickUnit(90)).toBe('week');
    expect(tickUnit(365)).toBe('month');
  });
});
