import {
  type CounterReading,
  openStatsMonth,
  recordObservation,
  type StatsMonth,
} from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { decodeMonth, encodeMonth } from './month-codec.js';

const released = new Date('2025-01-01T00:00:00Z');

/** A month of 30 scrapes: launches, baselines, misses, a removal and likes both ways. */
function aMonth(): StatsMonth {
  let month = openStatsMonth('w', '2026-11', null);
  for (let day = 1; day <= 30; day += 1) {
    const takenAt = new Date(Date.UTC(2026, 10, day, 12));
    const readings: CounterReading[] = [];
    for (let post = 0; post < 12; post += 1) {
      if (post > day) continue;
      if ((post + day) % 9 === 0) continue;
      readings.push({
        postId: `p${post}`,
        views: 10 * post + day * (post % 3),
        likes: (day + post) % 4,
        releasedAt: post % 2 === 0 ? released : new Date(takenAt.getTime() - 3_600_000),
        ...(post === 11 && day > 20 ? { gone: true, views: null } : {}),
      });
    }
    const result = recordObservation(month, { takenAt, readings });
    if (result.kind === 'recorded') month = result.month;
  }
  return month;
}

describe('the stored form of a month', () => {
  it('decodes to the month it encoded, counters included', () => {
    const month = aMonth();
    expect(decodeMonth(encodeMonth(month))).toEqual(month);
  });

  it('keeps the day being recorded as fields and packs the days before it', () => {
    const stored = encodeMonth(aMonth());
    expect(stored.days['2026-11-30']).toHaveProperty('v');
    expect(stored.days['2026-11-29']).toHaveProperty('g');
    expect(stored.days['2026-11-29']).not.toHaveProperty('v');
    expect(typeof stored.posts).toBe('string');
    expect(stored.posts).not.toContain('"v"');
  });
});
