import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addKstDays, kstDaysBetween, toKstDate } from '../time/kst.js';
import { arbitraryHistory, runHistory } from './history.test-helper.js';
import { type LaunchCurve, launchCurve, launchMedian } from './launch-curves.js';
import { median } from './median.js';
import { day, kst, reading, WriterSimulator } from './simulate.test-helper.js';

const runs = { numRuns: 150 };

describe('launchCurve', () => {
  it('counts from the KST publication day and leaves unobserved days as gaps', () => {
    const writer = new WriterSimulator();
    const releasedAt = kst('2026-03-10', '09:00');
    writer.scrape(kst('2026-03-09', '23:00'), [reading('old', 50)]);
    writer.scrape(kst('2026-03-10', '23:00'), [
      reading('old', 55),
      reading('new', 30, 1, { releasedAt }),
    ]);
    writer.scrape(kst('2026-03-11', '23:00'), [
      reading('old', 56),
      reading('new', 45, 2, { releasedAt }),
    ]);
    // 03-12 not observed; 03-13 closes it as a two-day span.
    writer.scrape(kst('2026-03-13', '23:00'), [
      reading('old', 58),
      reading('new', 60, 2, { releasedAt }),
    ]);
    const curve = launchCurve(writer.index(), 'new', day('2026-03-10'), 7, day('2026-03-14'));
    expect(curve.trackedFromRelease).toBe(true);
    expect(curve.points).toEqual([
      { day: 0, date: '2026-03-10', views: 30, cumulative: 30 },
      { day: 1, date: '2026-03-11', views: 15, cumulative: 45 },
      { day: 2, date: '2026-03-12', views: null, cumulative: null },
      // The span's growth is known, so the running total is too; the day's own share is not.
      { day: 3, date: '2026-03-13', views: null, cumulative: 60 },
    ]);
  });

  it('knows no cumulative figure for a post published before we started watching it', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-09', '23:00'), [reading('old', 50)]);
    writer.scrape(kst('2026-03-10', '23:00'), [reading('old', 55)]);
    const curve = launchCurve(writer.index(), 'old', day('2026-03-01'), 30, day('2026-03-11'));
    expect(curve.trackedFromRelease).toBe(false);
    expect(curve.points.every((point) => point.cumulative === null)).toBe(true);
    // Days 0–8 are before our first snapshot: unknown, not zero.
    expect(curve.points.slice(0, 9).every((point) => point.views === null)).toBe(true);
    expect(curve.points[9]).toMatchObject({ day: 9, views: 5 });
  });

  it('takes a launch first seen days after publication as growth since then, not one day', () => {
    const writer = new WriterSimulator();
    const releasedAt = kst('2026-03-10', '09:00');
    writer.scrape(kst('2026-03-09', '23:00'), [reading('old', 50)]);
    writer.scrape(kst('2026-03-12', '23:00'), [
      reading('old', 55),
      reading('new', 40, 1, { releasedAt }),
    ]);
    const curve = launchCurve(writer.index(), 'new', day('2026-03-10'), 7, day('2026-03-13'));
    expect(curve.points.map((point) => [point.views, point.cumulative])).toEqual([
      [null, null],
      [null, null],
      [null, 40],
    ]);
  });

  it('is known exactly where the post was read, and then is its views since publication', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 1, max: 40 }), (plan, days) => {
        const history = runHistory(plan);
        const index = history.writer.index();
        const last = history.span.at(-1);
        if (last === undefined) return;
        const today = addKstDays(last, 1);
        history.postIds.forEach((postId, p) => {
          const released = history.releasedAt[p];
          if (released === null || released === undefined) return;
          const releaseDay = toKstDate(released);
          const curve = launchCurve(index, postId, releaseDay, days, today);
          expect(curve.points.length).toBeLessThanOrEqual(days);
          let previous = -1;
          for (const point of curve.points) {
            expect(point.day).toBe(kstDaysBetween(releaseDay, point.date));
            expect(point.date < today).toBe(true);
            if (point.cumulative === null) continue;
            expect(curve.trackedFromRelease).toBe(true);
            expect(point.cumulative).toBeGreaterThanOrEqual(previous);
            previous = point.cumulative;
            const truth = history.truth.get(point.date)?.[p];
            if (truth?.read) expect(point.cumulative).toBe(truth.readViews);
          }
          // While every day is a daily figure, the running total is their sum.
          let sum = 0;
          for (const point of curve.points) {
            if (point.views === null || !curve.trackedFromRelease) break;
            sum += point.views;
            expect(point.cumulative).toBe(sum);
          }
        });
      }),
      runs,
    );
  });
});

describe('launchMedian', () => {
  const curve = (values: (number | null)[]): LaunchCurve => ({
    trackedFromRelease: true,
    points: values.map((views, n) => ({
      day: n,
      date: addKstDays(day('2026-01-01'), n),
      views,
      cumulative: views,
    })),
  });

  it('takes on each day only the posts with that day known', () => {
    const points = launchMedian([curve([10, 4, 1]), curve([20, null]), curve([30])], 4);
    expect(points).toEqual([
      { day: 0, views: 20, viewsPosts: 3, cumulative: 20, cumulativePosts: 3 },
      { day: 1, views: 4, viewsPosts: 1, cumulative: 4, cumulativePosts: 1 },
      { day: 2, views: 1, viewsPosts: 1, cumulative: 1, cumulativePosts: 1 },
      { day: 3, views: null, viewsPosts: 0, cumulative: null, cumulativePosts: 0 },
    ]);
  });

  it('lies between the smallest and largest known value, and ignores unknown days', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(fc.nat(1000), { nil: null }), { maxLength: 10 }), {
          maxLength: 8,
        }),
        (series) => {
          const points = launchMedian(series.map(curve), 10);
          points.forEach((point) => {
            const known = series
              .map((values) => values[point.day])
              .filter((value): value is number => value !== null && value !== undefined);
            expect(point.viewsPosts).toBe(known.length);
            if (known.length === 0) {
              expect(point.views).toBeNull();
              return;
            }
            expect(point.views).toBeGreaterThanOrEqual(Math.min(...known));
            expect(point.views).toBeLessThanOrEqual(Math.max(...known));
          });
        },
      ),
    );
  });

  it('uses the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
