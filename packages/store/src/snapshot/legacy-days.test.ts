import { KstDate } from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { legacyCumulativeDays } from './legacy-days.js';

const day = (value: string) => KstDate.parse(value);

describe('importing velog’s legacy daily buckets', () => {
  it('turns daily reads into end-of-day totals before our first snapshot, in both day styles', () => {
    const buckets = [
      { day: new Date('2026-11-22T00:00:00.000Z'), count: 4 }, // today, already in the total
      { day: new Date('2026-11-20T15:00:00.000Z'), count: 5 }, // KST 2026-11-21, serialised as UTC-9h
      { day: new Date('2026-11-19T00:00:00.000Z'), count: 3 },
    ];
    expect(legacyCumulativeDays(100, day('2026-11-22'), buckets)).toEqual([
      { day: '2026-11-19', views: 91 },
      { day: '2026-11-21', views: 96 },
    ]);
  });

  it('drops days that would come out negative (reads purged before 2024)', () => {
    const buckets = [
      { day: new Date('2026-11-21T00:00:00.000Z'), count: 8 },
      { day: new Date('2026-11-20T00:00:00.000Z'), count: 5 },
    ];
    expect(legacyCumulativeDays(10, day('2026-11-22'), buckets)).toEqual([
      { day: '2026-11-20', views: 2 },
      { day: '2026-11-21', views: 10 },
    ]);
    expect(legacyCumulativeDays(7, day('2026-11-22'), buckets)).toEqual([
      { day: '2026-11-21', views: 7 },
    ]);
  });

  it('imports nothing from current-mode answers', () => {
    expect(legacyCumulativeDays(10, day('2026-11-22'), [])).toEqual([]);
  });
});
