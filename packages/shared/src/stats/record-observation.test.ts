import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addKstDays, toKstDate } from '../time/kst.js';
import {
  openStatsMonth,
  postIndex,
  type StatsMonth,
  StatsMonth as StatsMonthSchema,
} from './month.js';
import { postDailyGains, writerDailyGains, writerRangeGains } from './read-gains.js';
import {
  applyLegacyReads,
  legacyMonths,
  legacyReads,
  recordObservation,
} from './record-observation.js';
import { day, kst, reading, WriterSimulator } from './simulate.test-helper.js';

function recorded(outcome: ReturnType<typeof recordObservation>) {
  if (outcome.kind !== 'recorded') throw new Error(`expected recorded, got ${outcome.kind}`);
  return outcome;
}

const idxOf = (month: StatsMonth | null, postId: string): string => {
  const idx = month === null ? undefined : postIndex(month, postId);
  if (idx === undefined) throw new Error(`${postId} is not tracked`);
  return idx;
};

describe('recordObservation: unchanged re-scrapes', () => {
  it('returns changed: false and the very same month when nothing changed', () => {
    const readings = [reading('A', 100, 3), reading('B', 50, 1)];
    const first = recorded(
      recordObservation(openStatsMonth('w', '2026-03', null), {
        takenAt: kst('2026-03-01', '10:00'),
        readings,
      }),
    );
    expect(first.changed).toBe(true);
    // Re-reading the day's baselines is news: they are now measured (0 since 10:00).
    const measured = recorded(
      recordObservation(first.month, { takenAt: kst('2026-03-01', '11:00'), readings }),
    );
    expect(measured.changed).toBe(true);
    expect(measured.month.days[day('2026-03-01')]?.b).toEqual({});
    // From then on the same readings change nothing, that day or any later one.
    const again = recorded(
      recordObservation(measured.month, { takenAt: kst('2026-03-01', '12:00'), readings }),
    );
    expect(again.changed).toBe(false);
    expect(again.month).toBe(measured.month);
    expect(again.legacy).toEqual([]);
    // Nothing was written, so the day still ends at the scrape that last changed it.
    expect(again.month.days[day('2026-03-01')]?.end).toEqual(kst('2026-03-01', '11:00'));
    expect(again.month.lastEnd).toEqual(kst('2026-03-01', '11:00'));

    const nextDay = recorded(
      recordObservation(again.month, { takenAt: kst('2026-03-02', '09:00'), readings }),
    ).month;
    const unchanged = recorded(
      recordObservation(nextDay, { takenAt: kst('2026-03-02', '21:00'), readings }),
    );
    expect(unchanged).toMatchObject({ changed: false });
    expect(unchanged.month).toBe(nextDay);
  });

  it('returns changed: true for the first scrape of a new day even if no counter moved', () => {
    const first = recorded(
      recordObservation(openStatsMonth('w', '2026-03', null), {
        takenAt: kst('2026-03-01', '10:00'),
        readings: [reading('A', 100, 3)],
      }),
    );
    const next = recorded(
      recordObservation(first.month, {
        takenAt: kst('2026-03-02', '10:00'),
        readings: [reading('A', 100, 3)],
      }),
    );
    expect(next.changed).toBe(true);
    expect(next.month).not.toBe(first.month);
    const record = next.month.days[day('2026-03-02')];
    expect(record).toMatchObject({ prev: '2026-03-01', tv: 100, tl: 3, v: {}, l: {}, part: false });
    expect(record?.at).toEqual(kst('2026-03-02', '10:00'));
    expect(next.month.last).toBe('2026-03-02');
    expect(next.month.lastEnd).toEqual(kst('2026-03-02', '10:00'));
    // The input month is never mutated.
    expect(first.month.days[day('2026-03-02')]).toBeUndefined();
  });
});

describe('recordObservation: views never go down', () => {
  it('ignores a lower reading, keeps the high-water mark and flags the day', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01', '10:00'), [reading('A', 100, 2), reading('B', 40, 0)]);
    writer.scrape(kst('2026-03-02', '10:00'), [reading('A', 95, 2), reading('B', 44, 0)]);
    writer.scrape(kst('2026-03-03', '10:00'), [reading('A', 103, 2), reading('B', 44, 0)]);
    const month = writer.current() as StatsMonth;
    const a = idxOf(month, 'A');
    expect(month.posts[a]?.v).toBe(103);
    expect(month.days[day('2026-03-02')]).toMatchObject({
      corr: true,
      tv: 144,
      v: { [idxOf(month, 'B')]: 4 },
    });
    expect(month.days[day('2026-03-02')]?.v[a]).toBeUndefined();
    expect(month.days[day('2026-03-03')]).toMatchObject({ corr: false, v: { [a]: 3 } });

    const index = writer.index();
    const range = { from: day('2026-03-02'), to: day('2026-03-03') };
    const series = postDailyGains(index, 'A', range);
    expect(series.map((g) => [g.views, g.totalViews])).toEqual([
      [0, 100],
      [3, 103],
    ]);
    const writerDays = writerDailyGains(index, range);
    expect(writerDays.map((g) => [g.views, g.correction, g.totalViews])).toEqual([
      [4, true, 144],
      [3, false, 147],
    ]);
    expect(writerRangeGains(index, range)).toEqual({ views: 7, likes: 0 });
  });

  it('ignores a stale reading later the same day, then measures from the high-water mark', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01', '10:00'), [reading('A', 100)]);
    writer.scrape(kst('2026-03-02', '09:00'), [reading('A', 110)]);
    writer.scrape(kst('2026-03-02', '15:00'), [reading('A', 104)]);
    writer.scrape(kst('2026-03-02', '21:00'), [reading('A', 112)]);
    const gains = postDailyGains(writer.index(), 'A', {
      from: day('2026-03-02'),
      to: day('2026-03-02'),
    });
    expect(gains[0]).toMatchObject({ views: 12, totalViews: 112 });
    expect(
      writerDailyGains(writer.index(), { from: day('2026-03-02'), to: day('2026-03-02') })[0],
    ).toMatchObject({ views: 12, correction: true });
  });
});

describe('recordObservation: posts velog says are gone', () => {
  it('keeps a gone post’s counters in the totals, so its removal is no negative day', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01', '10:00'), [reading('A', 100, 5), reading('B', 50, 2)]);
    writer.scrape(kst('2026-03-02', '10:00'), [
      reading('A', 110, 5),
      reading('B', null, null, { gone: true }),
    ]);
    // The day after, the gone post is simply not listed any more.
    writer.scrape(kst('2026-03-03', '10:00'), [reading('A', 111, 6)]);
    const month = writer.current() as StatsMonth;
    const b = idxOf(month, 'B');
    expect(month.posts[b]).toMatchObject({ v: 50, l: 2, rm: '2026-03-02' });
    expect(month.days[day('2026-03-02')]).toMatchObject({ tv: 160, tl: 7, miss: {}, part: false });
    expect(month.days[day('2026-03-03')]).toMatchObject({ tv: 161, tl: 8, miss: {}, part: false });

    const index = writer.index();
    const range = { from: day('2026-03-02'), to: day('2026-03-03') };
    expect(
      writerDailyGains(index, range).map((g) => [g.views, g.likes, g.totalViews, g.totalLikes]),
    ).toEqual([
      [10, 0, 160, 7],
      [1, 1, 161, 8],
    ]);
    expect(postDailyGains(index, 'B', range).map((g) => [g.views, g.likes, g.gap])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(writerRangeGains(index, range)).toEqual({ views: 11, likes: 1 });
  });

  it('does not start tracking a post first seen as gone', () => {
    const outcome = recorded(
      recordObservation(openStatsMonth('w', '2026-03', null), {
        takenAt: kst('2026-03-01', '10:00'),
        readings: [reading('A', 10), reading('X', 5, 0, { gone: true })],
      }),
    );
    expect(postIndex(outcome.month, 'X')).toBeUndefined();
    expect(outcome.month.days[day('2026-03-01')]?.tv).toBe(10);
  });
});

describe('recordObservation: first sight of a post', () => {
  it('on a writer’s first scrape, launches only posts released that same KST day', () => {
    const outcome = recorded(
      recordObservation(openStatsMonth('w', '2026-03', null), {
        takenAt: kst('2026-03-05', '12:00'),
        readings: [
          reading('today', 30, 2, { releasedAt: kst('2026-03-05', '00:30') }),
          reading('yesterday', 40, 3, { releasedAt: kst('2026-03-04', '23:30') }),
          reading('unknown', 50, 4, { releasedAt: null }),
        ],
      }),
    );
    const month = outcome.month;
    const today = idxOf(month, 'today');
    expect(month.posts[today]).toMatchObject({ n: true, v: 30, l: 2, f: '2026-03-05' });
    expect(month.open[today]).toEqual([0, 0]);
    const record = month.days[day('2026-03-05')];
    expect(record?.v).toEqual({ [today]: 30 });
    expect(record?.l).toEqual({ [today]: 2 });
    expect(record?.b).toEqual({ [idxOf(month, 'yesterday')]: 1, [idxOf(month, 'unknown')]: 1 });
    expect(record?.part).toBe(true);
  });

  it('refuses an observation from another month, and ignores one from an earlier day', () => {
    const month = recorded(
      recordObservation(openStatsMonth('w', '2026-03', null), {
        takenAt: kst('2026-03-05', '12:00'),
        readings: [reading('A', 1)],
      }),
    ).month;
    expect(() =>
      recordObservation(month, { takenAt: kst('2026-04-01', '12:00'), readings: [] }),
    ).toThrow(/not in 2026-03/);
    const late = recordObservation(month, {
      takenAt: kst('2026-03-04', '12:00'),
      readings: [reading('A', 9)],
    });
    expect(late).toEqual({ kind: 'out-of-order', month });
  });
});

describe('month roll', () => {
  it('opens a month with the previous month’s counters and keeps measuring across it', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-31', '20:00'), [reading('A', 100, 4)]);
    writer.scrape(kst('2026-04-01', '08:00'), [reading('A', 107, 5)]);
    const april = writer.months.get('2026-04') as StatsMonth;
    const a = idxOf(april, 'A');
    expect(april.open[a]).toEqual([100, 4]);
    expect(april.days[day('2026-04-01')]).toMatchObject({
      prev: '2026-03-31',
      v: { [a]: 7 },
      l: { [a]: 1 },
    });
    expect(() => StatsMonthSchema.parse(april)).not.toThrow();
    const gains = postDailyGains(writer.index(), 'A', {
      from: day('2026-03-31'),
      to: day('2026-04-01'),
    });
    expect(gains.map((g) => [g.views, g.likes, g.totalViews, g.totalLikes])).toEqual([
      [null, null, null, null],
      [7, 1, 107, 5],
    ]);
  });
});

describe('legacyReads', () => {
  const bucket = (iso: string, count: number) => ({ day: new Date(iso), count });

  it('reads KST midnights in either serialisation as that KST day', () => {
    const result = legacyReads(100, day('2026-03-10'), [
      bucket('2026-03-05T00:00:00.000Z', 10),
      bucket('2026-03-06T15:00:00.000Z', 5),
      bucket('2026-03-10T00:00:00.000Z', 3),
    ]);
    expect(result).toEqual({
      from: '2026-03-05',
      reads: new Map([
        ['2026-03-07', 5],
        ['2026-03-05', 10],
      ]),
      firstDayReads: 3,
    });
  });

  it('starts after the day whose reads would make the earlier total negative (purged reads)', () => {
    // 20 views in all; 3 today, 5 and 6 the two days before, then 30 that cannot all have been
    // before: that day lies before velog's purge.
    const result = legacyReads(20, day('2026-03-10'), [
      bucket('2026-03-01T00:00:00.000Z', 30),
      bucket('2026-03-08T00:00:00.000Z', 6),
      bucket('2026-03-09T00:00:00.000Z', 5),
      bucket('2026-03-10T00:00:00.000Z', 3),
      bucket('2026-03-11T00:00:00.000Z', 99),
    ]);
    expect(result?.from).toBe('2026-03-08');
    expect([...(result?.reads ?? [])].sort()).toEqual([
      ['2026-03-08', 6],
      ['2026-03-09', 5],
    ]);
    expect(legacyReads(2, day('2026-03-10'), [bucket('2026-03-10T00:00:00.000Z', 3)])).toBeNull();
    expect(legacyReads(5, day('2026-03-10'), [bucket('2026-03-10T00:00:00.000Z', 3)])).toBeNull();
  });

  it('only ever takes reads the first total can hold', () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.array(fc.record({ back: fc.nat(40), count: fc.integer({ min: -2, max: 30 }) })),
        (views, raw) => {
          const first = day('2026-03-10');
          const buckets = raw.map(({ back, count }) => ({
            day: new Date(`${addKstDays(first, -back)}T00:00:00.000Z`),
            count,
          }));
          const result = legacyReads(views, first, buckets);
          if (result === null) return;
          let sum = result.firstDayReads;
          for (const [readDay, count] of result.reads) {
            expect(readDay < first && readDay >= result.from).toBe(true);
            expect(count).toBeGreaterThan(0);
            sum += count;
          }
          expect(sum).toBeLessThanOrEqual(views);
          expect(result.reads.has(result.from)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('legacy buckets through recordObservation', () => {
  it('opens the first month at the total before its legacy days and returns the reads', () => {
    const outcome = recorded(
      recordObservation(openStatsMonth('w', '2026-03', null), {
        takenAt: kst('2026-03-02', '12:00'),
        readings: [
          reading('M', 60, 2, {
            legacyBuckets: [
              { day: new Date('2026-02-26T00:00:00.000Z'), count: 7 },
              { day: new Date('2026-02-27T15:00:00.000Z'), count: 4 },
              { day: new Date('2026-02-28T15:00:00.000Z'), count: 2 },
              { day: new Date('2026-03-02T00:00:00.000Z'), count: 1 },
            ],
          }),
        ],
      }),
    );
    const march = outcome.month;
    const m = idxOf(march, 'M');
    expect(march.posts[m]).toMatchObject({ v: 60, l: 2, f: '2026-03-02', lf: '2026-02-26' });
    expect(march.open[m]).toEqual([57, 2]);
    expect(march.days[day('2026-03-01')]).toMatchObject({ at: null, v: { [m]: 2 }, part: true });
    expect(march.days[day('2026-03-02')]).toMatchObject({ v: { [m]: 1 }, part: true, prev: null });
    expect(outcome.legacy).toHaveLength(1);
    expect(outcome.legacy[0]).toMatchObject({ idx: m, from: '2026-02-26', views: 59, likes: 2 });
    expect(legacyMonths(outcome.legacy, '2026-03')).toEqual(['2026-02']);

    const february = applyLegacyReads(openStatsMonth('w', '2026-02', null), outcome.legacy);
    expect(february.posts[m]).toMatchObject({ v: 57, f: '2026-03-02', lf: '2026-02-26' });
    // Likes as first read: legacy buckets carry none, so no like gain lies before the first day.
    expect(february.open[m]).toEqual([46, 2]);
    expect(Object.keys(february.days).sort()).toEqual(['2026-02-26', '2026-02-28']);
    expect(february.days[day('2026-02-26')]).toMatchObject({ at: null, v: { [m]: 7 }, part: true });
    expect(february.next).toBe(Number(m) + 1);
    expect(() => StatsMonthSchema.parse(february)).not.toThrow();
    expect(toKstDate(new Date('2026-02-27T15:00:00.000Z'))).toBe('2026-02-28');
  });

  it('does not use buckets for a launch: its whole count is the launch day’s', () => {
    const outcome = recorded(
      recordObservation(openStatsMonth('w', '2026-03', null), {
        takenAt: kst('2026-03-02', '12:00'),
        readings: [
          reading('N', 9, 0, {
            releasedAt: kst('2026-03-02', '08:00'),
            legacyBuckets: [{ day: new Date('2026-03-02T00:00:00.000Z'), count: 9 }],
          }),
        ],
      }),
    );
    expect(outcome.legacy).toEqual([]);
    expect(outcome.month.days[day('2026-03-02')]?.v).toEqual({ [idxOf(outcome.month, 'N')]: 9 });
  });
});
