import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DailyGain } from '../models/daily-gain.js';
import { median } from '../stats/median.js';
import { addKstDays, type KstDate } from '../time/kst.js';
import { detectSpike, SPIKE_RULE, spikeThreshold } from './spike.js';

const YESTERDAY = '2026-12-01' as KstDate;

function dayOf(day: KstDate, views: number | null, extra: Partial<DailyGain> = {}): DailyGain {
  return {
    day,
    views,
    likes: null,
    totalViews: null,
    totalLikes: null,
    correction: false,
    partial: false,
    gap: null,
    ...extra,
  };
}

/** `history` oldest first, ending the day before YESTERDAY; `null` = a day not observed. */
function series(history: readonly (number | null)[], yesterday: number): DailyGain[] {
  const days = history.map((views, n) => dayOf(addKstDays(YESTERDAY, n - history.length), views));
  return [...days, dayOf(YESTERDAY, yesterday)];
}

const views = fc.integer({ min: 0, max: 5_000 });
const history = fc.array(fc.option(views, { nil: null }), { maxLength: 60 });

describe('spike rule', () => {
  it('fires at three times the normal, and never below the margin', () => {
    const normal = Array.from({ length: 28 }, () => 100);
    expect(detectSpike(series(normal, 299), YESTERDAY)).toBeNull();
    expect(detectSpike(series(normal, 300), YESTERDAY)).toMatchObject({
      views: 300,
      median: 100,
      threshold: 300,
      baselineDays: 28,
    });
    const quiet = Array.from({ length: 28 }, () => 2);
    expect(detectSpike(series(quiet, 51), YESTERDAY)).toBeNull();
    expect(detectSpike(series(quiet, 52), YESTERDAY)).toMatchObject({ threshold: 52 });
  });

  it('takes the median of the last 28 complete days only', () => {
    // 28 quiet days just before, 30 busy ones before them: the busy ones are out of the window.
    const old = Array.from({ length: 30 }, () => 1_000);
    const recent = Array.from({ length: 28 }, () => 10);
    expect(detectSpike(series([...old, ...recent], 60), YESTERDAY)).toMatchObject({ median: 10 });
  });

  it('judges nothing with fewer than 7 complete days, or on a day not wholly known', () => {
    const six = Array.from({ length: 6 }, () => 0);
    expect(detectSpike(series(six, 10_000), YESTERDAY)).toBeNull();
    const seven = [...six, 0];
    expect(detectSpike(series(seven, 10_000), YESTERDAY)).not.toBeNull();
    const partial = [...series(seven, 0).slice(0, -1), dayOf(YESTERDAY, 10_000, { partial: true })];
    expect(detectSpike(partial, YESTERDAY)).toBeNull();
    const afterGap = [
      ...series(seven, 0).slice(0, -1),
      dayOf(YESTERDAY, 10_000, { gap: { days: 2, views: 5, likes: 0 } }),
    ];
    expect(detectSpike(afterGap, YESTERDAY)).toBeNull();
  });

  it('counts an unobserved day as a gap, not as zero', () => {
    fc.assert(
      fc.property(history, views, fc.array(fc.nat(60), { maxLength: 20 }), (past, day, holes) => {
        // Turning observed days into gaps anywhere only removes them; inserting gaps between
        // the observed days (as a week we could not read) changes nothing.
        const withHoles = [...past];
        for (const hole of holes) withHoles.splice(Math.min(hole, withHoles.length), 0, null);
        expect(detectSpike(series(withHoles, day), YESTERDAY)).toEqual(
          detectSpike(series(past, day), YESTERDAY),
        );
      }),
    );
  });

  it('is monotone: more views on the day never turn a spike into none', () => {
    fc.assert(
      fc.property(history, views, fc.nat(5_000), (past, day, more) => {
        if (detectSpike(series(past, day), YESTERDAY) !== null) {
          expect(detectSpike(series(past, day + more), YESTERDAY)).not.toBeNull();
        }
      }),
    );
  });

  it('fires exactly when the day reaches max(3 × median, median + 50) of enough complete days', () => {
    fc.assert(
      fc.property(history, views, (past, day) => {
        const complete = past.filter((value): value is number => value !== null).slice(-28);
        const spike = detectSpike(series(past, day), YESTERDAY);
        if (complete.length < SPIKE_RULE.minBaselineDays) {
          expect(spike).toBeNull();
          return;
        }
        const normal = median(complete) as number;
        expect(spike !== null).toBe(day >= spikeThreshold(normal));
        expect(spikeThreshold(normal)).toBeGreaterThanOrEqual(normal + 50);
      }),
    );
  });

  it('ignores days after the day it judges', () => {
    fc.assert(
      fc.property(history, views, views, (past, day, later) => {
        const days = series(past, day);
        expect(detectSpike([...days, dayOf(addKstDays(YESTERDAY, 1), later)], YESTERDAY)).toEqual(
          detectSpike(days, YESTERDAY),
        );
      }),
    );
  });
});
