import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DailyGain } from '../models/daily-gain.js';
import { addKstDays, type KstDate, toKstDate } from '../time/kst.js';
import {
  arbitraryHistory,
  type HistoryTruth,
  type PostDayTruth,
  runHistory,
} from './history.test-helper.js';
import {
  classifyPostDay,
  indexMonths,
  postDailyGains,
  postRangeGains,
  writerDailyGains,
  writerRangeGains,
} from './read-gains.js';
import type { CounterReading } from './record-observation.js';
import { day, kst, reading, WriterSimulator } from './simulate.test-helper.js';

const range = (from: string, to: string) => ({ from: day(from), to: day(to) });

/** The figures of a day, without the day itself: what the examples compare. */
const figures = (gain: DailyGain | undefined) => {
  if (gain === undefined) throw new Error('no such day');
  const { day: _day, ...rest } = gain;
  return rest;
};

const unknown = {
  views: null,
  likes: null,
  totalViews: null,
  totalLikes: null,
  correction: false,
  partial: false,
  gap: null,
};

describe('an incomplete first listing', () => {
  it('never turns the posts it left out into a false gain', () => {
    const posts = Array.from({ length: 60 }, (_, i) => `p${i}`);
    const dayTwo = (i: number) => (i >= 50 ? 5_000 + i : 100 + i + (i === 0 ? 1 : i === 1 ? 2 : 0));
    const writer = new WriterSimulator();
    // Day 1: one page failed, so only the first 50 posts were read.
    writer.scrape(
      kst('2026-03-01', '10:00'),
      posts.slice(0, 50).map((id, i) => reading(id, 100 + i, i % 5)),
    );
    // Day 2: all 60 read; among the 50, only 3 views were really added.
    writer.scrape(
      kst('2026-03-02', '10:00'),
      posts.map((id, i) => reading(id, dayTwo(i), i >= 50 ? 7 : i % 5)),
    );
    const index = writer.index();
    const [first, second] = writerDailyGains(index, range('2026-03-01', '2026-03-02'));
    expect(first).toMatchObject({ views: null, likes: null, gap: null });
    expect(figures(second)).toEqual({
      views: 3,
      likes: 0,
      totalViews: posts.reduce((sum, _, i) => sum + (i >= 50 ? 5_000 + i : 100 + i), 0) + 3,
      totalLikes: 100 + 70,
      correction: false,
      partial: true,
      gap: null,
    });
    for (const id of posts.slice(50)) {
      expect(postDailyGains(index, id, range('2026-03-01', '2026-03-02')).map(figures)).toEqual([
        unknown,
        unknown,
      ]);
    }
    const table = postRangeGains(index, range('2026-03-02', '2026-03-02'));
    expect(table.get('p50')).toEqual({ views: null, likes: null });
    expect(table.get('p1')).toEqual({ views: 2, likes: 0 });
    expect(writerRangeGains(index, range('2026-03-01', '2026-03-02'))).toEqual({
      views: 3,
      likes: 0,
    });
    // The day after, the ten are measured like the rest.
    writer.scrape(
      kst('2026-03-03', '10:00'),
      posts.map((id, i) => reading(id, dayTwo(i) + 1, i >= 50 ? 7 : i % 5)),
    );
    const third = writerDailyGains(writer.index(), range('2026-03-03', '2026-03-03'))[0];
    expect(third).toMatchObject({ views: 60, likes: 0, partial: false, gap: null });
  });
});

describe('a post’s publication day', () => {
  it('has the launch as its gain, on day 0 of its series and in the writer’s day', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-09', '20:00'), [reading('A', 100, 4)]);
    writer.scrape(kst('2026-03-10', '09:00'), [reading('A', 110, 4)]);
    const released = { releasedAt: kst('2026-03-10', '10:00') };
    writer.scrape(kst('2026-03-10', '10:30'), [
      reading('A', 115, 4),
      reading('B', 20, 1, released),
    ]);
    writer.scrape(kst('2026-03-10', '23:50'), [
      reading('A', 120, 5),
      reading('B', 80, 3, released),
    ]);
    const index = writer.index();
    const b = postDailyGains(index, 'B', range('2026-03-09', '2026-03-11'));
    expect(b.map(figures)).toEqual([
      unknown,
      {
        views: 80,
        likes: 3,
        totalViews: 80,
        totalLikes: 3,
        correction: false,
        partial: false,
        gap: null,
      },
      unknown,
    ]);
    const a = postDailyGains(index, 'A', range('2026-03-10', '2026-03-10'))[0];
    expect(a).toMatchObject({ views: 20, likes: 1, totalViews: 120, partial: false });
    const writerDay = writerDailyGains(index, range('2026-03-10', '2026-03-10'))[0];
    expect(figures(writerDay)).toEqual({
      views: 100,
      likes: 4,
      totalViews: 200,
      totalLikes: 8,
      correction: false,
      partial: false,
      gap: null,
    });
    expect(writerDay?.views).toBe((a?.views ?? 0) + (b[1]?.views ?? 0));
  });
});

describe('legacy buckets', () => {
  it('fill the days before the first scrape: reads where a bucket is, 0 between, likes unknown', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-10', '12:00'), [
      reading('L', 100, 4, {
        legacyBuckets: [
          { day: new Date('2026-03-05T00:00:00.000Z'), count: 10 },
          { day: new Date('2026-03-06T15:00:00.000Z'), count: 5 }, // 2026-03-07 KST
          { day: new Date('2026-03-10T00:00:00.000Z'), count: 3 },
        ],
      }),
      reading('K', 50, 1),
    ]);
    writer.scrape(kst('2026-03-10', '18:00'), [reading('L', 104, 5), reading('K', 52, 1)]);
    writer.scrape(kst('2026-03-11', '12:00'), [reading('L', 110, 5), reading('K', 53, 1)]);
    const index = writer.index();
    const series = postDailyGains(index, 'L', range('2026-03-04', '2026-03-11'));
    expect(series.map((g) => [g.day, g.views, g.likes, g.partial, g.gap])).toEqual([
      ['2026-03-04', null, null, false, null],
      ['2026-03-05', 10, null, true, null],
      ['2026-03-06', 0, null, true, null],
      ['2026-03-07', 5, null, true, null],
      ['2026-03-08', 0, null, true, null],
      ['2026-03-09', 0, null, true, null],
      ['2026-03-10', 3 + 4, null, true, null],
      ['2026-03-11', 6, 0, false, null],
    ]);
    expect(series[1]?.totalViews).toBe(92);
    expect(series[3]?.totalViews).toBe(97);
    expect(series[6]).toMatchObject({ totalViews: 104, totalLikes: 5 });
    expect(series[7]).toMatchObject({ totalViews: 110, totalLikes: 5 });

    const writerDays = writerDailyGains(index, range('2026-03-04', '2026-03-11'));
    expect(writerDays.map((g) => [g.views, g.likes, g.partial, g.gap])).toEqual([
      [null, null, false, null],
      [10, null, true, null],
      [0, null, true, null],
      [5, null, true, null],
      [0, null, true, null],
      [0, null, true, null],
      // L's 7 and the baseline K's 2 since its first reading.
      [9, 0, true, null],
      [7, 0, false, null],
    ]);
    expect(writerRangeGains(index, range('2026-03-05', '2026-03-09'))).toEqual({
      views: 15,
      likes: null,
    });
    expect(writerRangeGains(index, range('2026-03-01', '2026-03-11'))).toEqual({
      views: 15 + 9 + 7,
      likes: 0,
    });
  });

  it('reach into an earlier month through legacyMonths and applyLegacyReads', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-02', '12:00'), [
      reading('M', 60, 2, {
        legacyBuckets: [
          { day: new Date('2026-02-26T00:00:00.000Z'), count: 7 },
          { day: new Date('2026-02-27T15:00:00.000Z'), count: 4 }, // 2026-02-28 KST
          { day: new Date('2026-02-28T15:00:00.000Z'), count: 2 }, // 2026-03-01 KST
          { day: new Date('2026-03-02T00:00:00.000Z'), count: 1 },
        ],
      }),
    ]);
    writer.scrape(kst('2026-03-03', '12:00'), [reading('M', 65, 3)]);
    expect([...writer.months.keys()].sort()).toEqual(['2026-02', '2026-03']);
    const index = writer.index();
    const series = postDailyGains(index, 'M', range('2026-02-25', '2026-03-03'));
    expect(series.map((g) => [g.day, g.views, g.likes, g.partial, g.gap])).toEqual([
      ['2026-02-25', null, null, false, null],
      ['2026-02-26', 7, null, true, null],
      ['2026-02-27', 0, null, true, null],
      ['2026-02-28', 4, null, true, null],
      ['2026-03-01', 2, null, true, null],
      ['2026-03-02', 1, null, true, null],
      ['2026-03-03', 5, 1, false, null],
    ]);
    expect(series.map((g) => g.totalViews)).toEqual([null, 53, null, 57, 59, 60, 65]);
    expect(writerRangeGains(index, range('2026-02-01', '2026-02-28'))).toEqual({
      views: 11,
      likes: null,
    });
    expect(writerRangeGains(index, range('2026-02-26', '2026-03-03'))).toEqual({
      views: 19,
      likes: 1,
    });
    expect(
      writerDailyGains(index, range('2026-02-27', '2026-02-28')).map((g) => [g.views, g.partial]),
    ).toEqual([
      [0, true],
      [4, true],
    ]);
  });
});

describe('likes', () => {
  it('net out when a like is taken back and given again', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01', '10:00'), [reading('A', 50, 10)]);
    writer.scrape(kst('2026-03-02', '10:00'), [reading('A', 50, 9)]);
    writer.scrape(kst('2026-03-03', '10:00'), [reading('A', 50, 10)]);
    const index = writer.index();
    const days = range('2026-03-02', '2026-03-03');
    expect(postDailyGains(index, 'A', days).map((g) => [g.views, g.likes, g.totalLikes])).toEqual([
      [0, -1, 9],
      [0, 1, 10],
    ]);
    expect(writerDailyGains(index, days).map((g) => [g.views, g.likes, g.totalLikes])).toEqual([
      [0, -1, 9],
      [0, 1, 10],
    ]);
    expect(postRangeGains(index, days).get('A')).toEqual({ views: 0, likes: 0 });
    expect(writerRangeGains(index, days)).toEqual({ views: 0, likes: 0 });
    expect(writerRangeGains(index, range('2026-03-01', '2026-03-03'))).toEqual({
      views: 0,
      likes: 0,
    });
  });
});

describe('a writer’s first day', () => {
  it('is unknown after one snapshot and measured from the second on', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01', '10:00'), [reading('A', 100, 1), reading('B', 40, 0)]);
    const today = range('2026-03-01', '2026-03-01');
    expect(writerDailyGains(writer.index(), today).map(figures)).toEqual([
      { ...unknown, totalViews: 140, totalLikes: 1 },
    ]);
    expect(postDailyGains(writer.index(), 'A', today).map(figures)).toEqual([unknown]);

    writer.scrape(kst('2026-03-01', '12:00'), [reading('A', 105, 1), reading('B', 40, 0)]);
    const index = writer.index();
    expect(postDailyGains(index, 'A', today).map(figures)).toEqual([
      { ...unknown, views: 5, likes: 0, totalViews: 105, totalLikes: 1, partial: true },
    ]);
    expect(postDailyGains(index, 'B', today)[0]).toMatchObject({ views: 0, partial: true });
    expect(writerDailyGains(index, today).map(figures)).toEqual([
      { ...unknown, views: 5, likes: 0, totalViews: 145, totalLikes: 1, partial: true },
    ]);
    expect(writerRangeGains(index, today)).toEqual({ views: 5, likes: 0 });
  });
});

describe('unobserved days', () => {
  function history() {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01', '10:00'), [reading('A', 100, 1), reading('B', 10, 0)]);
    writer.scrape(kst('2026-03-04', '10:00'), [reading('A', 130, 3), reading('B', 16, 1)]);
    writer.scrape(kst('2026-03-05', '10:00'), [reading('A', 131, 3), reading('B', 16, 1)]);
    return writer.index();
  }

  it('are gaps, and the day closing them carries the whole growth as a span', () => {
    const index = history();
    expect(writerDailyGains(index, range('2026-03-01', '2026-03-05')).map(figures)).toEqual([
      { ...unknown, totalViews: 110, totalLikes: 1 },
      unknown,
      unknown,
      { ...unknown, totalViews: 146, totalLikes: 4, gap: { days: 3, views: 36, likes: 3 } },
      { ...unknown, views: 1, likes: 0, totalViews: 147, totalLikes: 4 },
    ]);
    expect(postDailyGains(index, 'A', range('2026-03-02', '2026-03-04')).map(figures)).toEqual([
      unknown,
      unknown,
      { ...unknown, totalViews: 130, totalLikes: 3, gap: { days: 3, views: 30, likes: 2 } },
    ]);
  });

  it('count a span in a range only when it lies wholly inside it', () => {
    const index = history();
    expect(writerRangeGains(index, range('2026-03-02', '2026-03-04'))).toEqual({
      views: 36,
      likes: 3,
    });
    expect(writerRangeGains(index, range('2026-03-01', '2026-03-05'))).toEqual({
      views: 37,
      likes: 3,
    });
    expect(writerRangeGains(index, range('2026-03-03', '2026-03-04'))).toEqual({
      views: null,
      likes: null,
    });
    expect(writerRangeGains(index, range('2026-03-03', '2026-03-05'))).toEqual({
      views: 1,
      likes: 0,
    });
    expect(postRangeGains(index, range('2026-03-04', '2026-03-05')).get('B')).toEqual({
      views: 0,
      likes: 0,
    });
  });
});

describe('a post missed on a day', () => {
  const cases: [string, CounterReading[]][] = [
    ['read without views', [reading('A', 105, 1), reading('B', null, null)]],
    ['absent from the readings', [reading('A', 105, 1)]],
  ];
  for (const [name, missedDay] of cases) {
    it(`is unknown that day and its growth is a span when read again (${name})`, () => {
      const writer = new WriterSimulator();
      writer.scrape(kst('2026-03-01', '10:00'), [reading('A', 100, 1), reading('B', 10, 0)]);
      writer.scrape(kst('2026-03-02', '10:00'), missedDay);
      writer.scrape(kst('2026-03-03', '10:00'), [reading('A', 107, 1), reading('B', 20, 2)]);
      const index = writer.index();
      const days = range('2026-03-02', '2026-03-03');
      expect(postDailyGains(index, 'B', days).map(figures)).toEqual([
        unknown,
        { ...unknown, totalViews: 20, totalLikes: 2, gap: { days: 2, views: 10, likes: 2 } },
      ]);
      expect(writerDailyGains(index, days).map(figures)).toEqual([
        { ...unknown, views: 5, likes: 0, totalViews: 115, totalLikes: 1, partial: true },
        {
          ...unknown,
          views: 2,
          likes: 0,
          totalViews: 127,
          totalLikes: 3,
          gap: { days: 2, views: 10, likes: 2 },
        },
      ]);
      expect(writerRangeGains(index, days)).toEqual({ views: 17, likes: 2 });
      expect(writerRangeGains(index, range('2026-03-03', '2026-03-03'))).toEqual({
        views: 2,
        likes: 0,
      });
    });
  }

  it('is measured daily when a later scrape the same day reads it', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01', '10:00'), [reading('A', 100, 1), reading('B', 10, 0)]);
    writer.scrape(kst('2026-03-02', '10:00'), [reading('A', 105, 1)]);
    writer.scrape(kst('2026-03-02', '20:00'), [reading('A', 106, 1), reading('B', 14, 0)]);
    const index = writer.index();
    const today = range('2026-03-02', '2026-03-02');
    expect(postDailyGains(index, 'B', today)[0]).toMatchObject({ views: 4, gap: null });
    expect(writerDailyGains(index, today)[0]).toMatchObject({ views: 10, partial: false });
  });
});

describe('classifyPostDay', () => {
  it('is the one rule behind every figure: null before a post is known', () => {
    const index = indexMonths([]);
    expect(postDailyGains(index, 'nope', range('2026-03-01', '2026-03-02')).map(figures)).toEqual([
      unknown,
      unknown,
    ]);
    expect(
      classifyPostDay(undefined, day('2026-03-01'), '0', {
        id: 'x',
        v: 1,
        l: 0,
        f: day('2026-03-02'),
      }),
    ).toBeNull();
  });
});

describe('random histories', () => {
  // Enough runs to find the corners, few enough for the file to take a couple of seconds.
  const runs = { numRuns: 150 };

  const at = <T>(values: readonly T[] | undefined, i: number): T => {
    const value = values?.[i];
    if (value === undefined) throw new Error(`no value at ${i}`);
    return value;
  };

  it('conserve a post’s views and likes between any two days it was read', () => {
    fc.assert(
      fc.property(arbitraryHistory, (plan) => {
        const history = runHistory(plan);
        const index = history.writer.index();
        const days = [...history.observed.keys()];
        for (const [i, a] of days.entries()) {
          for (const b of days.slice(i + 1)) {
            const sums = postRangeGains(index, { from: addKstDays(a, 1), to: b });
            history.postIds.forEach((id, p) => {
              const start = at(history.truth.get(a), p);
              const end = at(history.truth.get(b), p);
              if (!start.read || !end.read) return;
              expect(sums.get(id), `${id} over ${addKstDays(a, 1)}..${b}`).toEqual({
                views: (end.readViews ?? 0) - (start.readViews ?? 0),
                likes: (end.readLikes ?? 0) - (start.readLikes ?? 0),
              });
            });
          }
        }
      }),
      runs,
    );
  });

  it('make the writer’s figures the sum of its posts’ (table = chart)', () => {
    fc.assert(
      fc.property(
        arbitraryHistory,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
        (plan, picks) => {
          const history = runHistory(plan);
          const index = history.writer.index();
          const { span } = history;
          for (const [x, y] of picks) {
            const [i, j] = [x % span.length, y % span.length].sort((m, n) => m - n) as [
              number,
              number,
            ];
            const r = { from: at(span, i), to: at(span, j) };
            const total = writerRangeGains(index, r);
            expect(total).toEqual(sumNullable([...postRangeGains(index, r).values()]));
            const daily = writerDailyGains(index, r);
            if (daily.every((gain) => gain.gap === null)) {
              expect(total, `${r.from}..${r.to}`).toEqual(sumNullable(daily));
            }
          }
          // Day by day, the writer's day is its posts' days added up, spans included.
          const all = { from: at(span, 0), to: at(span, span.length - 1) };
          const series = history.postIds.map((id) => postDailyGains(index, id, all));
          writerDailyGains(index, all).forEach((writerDay, k) => {
            const postDays = series.map((s) => at(s, k));
            const gaps = postDays.flatMap((gain) => (gain.gap === null ? [] : [gain.gap]));
            expect(
              { views: writerDay.views, likes: writerDay.likes, gap: writerDay.gap },
              writerDay.day,
            ).toEqual({
              ...sumNullable(postDays),
              gap:
                gaps.length === 0
                  ? null
                  : {
                      days: Math.max(...gaps.map((gap) => gap.days)),
                      views: gaps.reduce((sum, gap) => sum + (gap.views ?? 0), 0),
                      likes: gaps.reduce((sum, gap) => sum + (gap.likes ?? 0), 0),
                    },
            });
          });
        },
      ),
      runs,
    );
  });

  // Literally "a day <= the views truly added that day" cannot hold for any rule: growth after a
  // post's last good reading of a day (a later scrape missed it, or got a stale count) can only
  // show up the next day. So the bound is the day's true growth plus exactly that carry-over
  // (zero whenever the previous day's last scrape read every post), and it is exact on a day
  // read in full after a day whose last scrape was read in full.
  it('never invent views: a day is at most the growth since each post was last read', () => {
    fc.assert(
      fc.property(arbitraryHistory, (plan) => {
        const history = runHistory(plan);
        const index = history.writer.index();
        const { span } = history;
        const days = writerDailyGains(index, { from: at(span, 0), to: at(span, span.length - 1) });
        for (const gain of days) {
          const today = history.truth.get(gain.day) as PostDayTruth[];
          const added = today.reduce((sum, post) => sum + post.added, 0);
          const bound = added + carriedOver(history, gain.day);
          expect(gain.views ?? 0, `${gain.day}: at most ${bound}`).toBeLessThanOrEqual(bound);
          const observed = history.observed.get(gain.day);
          const before = history.observed.get(addKstDays(gain.day, -1));
          if (observed?.fullyRead && before?.lastScrapeFullyRead) {
            expect(gain.views ?? 0, `${gain.day}: fully read`).toBe(added);
          }
        }
      }),
      runs,
    );
  });

  it('give a post’s day the high-water views it ended with, and the writer’s day their sum', () => {
    fc.assert(
      fc.property(arbitraryHistory, (plan) => {
        const history = runHistory(plan);
        const index = history.writer.index();
        const { span } = history;
        const all = { from: at(span, 0), to: at(span, span.length - 1) };
        history.postIds.forEach((id, p) => {
          const first = history.firstRead[p];
          for (const gain of postDailyGains(index, id, all)) {
            if (gain.totalViews === null) continue;
            const truth = at(history.truth.get(gain.day), p);
            const expected =
              first === undefined || gain.day < first ? truth.views : truth.readViews;
            expect(gain.totalViews, `${id} on ${gain.day}`).toBe(expected);
          }
        });
        for (const gain of writerDailyGains(index, all)) {
          if (!history.observed.has(gain.day)) {
            expect(gain.totalViews).toBeNull();
            continue;
          }
          const truth = history.truth.get(gain.day) as PostDayTruth[];
          expect(gain.totalViews, gain.day).toBe(
            truth.reduce((sum, post) => sum + (post.readViews ?? 0), 0),
          );
        }
      }),
      runs,
    );
  });
});

/** Null-aware sums, as the range functions make them: `null` when not one value is known. */
function sumNullable(values: readonly { views: number | null; likes: number | null }[]) {
  let views: number | null = null;
  let likes: number | null = null;
  for (const value of values) {
    if (value.views !== null) views = (views ?? 0) + value.views;
    if (value.likes !== null) likes = (likes ?? 0) + value.likes;
  }
  return { views, likes };
}

/**
 * Growth from before `day` that the rule may rightly report on `day`: what happened after it
 * last read a tracked post (a later scrape that day missed it, or read a stale count), and the
 * whole count of a post released since its last recorded look (a launch).
 */
function carriedOver(history: HistoryTruth, day: KstDate): number {
  const observed = history.observed.get(day);
  const before = history.truth.get(addKstDays(day, -1));
  if (observed === undefined || before === undefined) return 0;
  let carried = 0;
  before.forEach((post, p) => {
    if (post.readViews !== null) {
      // Read the day before: its reading stands for the day, and the rest arrives today. Not
      // read the day before (missed, or the day unobserved): its growth must be a span.
      if (post.read) carried += post.views - post.readViews;
      return;
    }
    const released = history.releasedAt[p] ?? null;
    if (released === null) return;
    const look = observed.lastEndBefore;
    if (look === null ? toKstDate(released) === day : released > look) carried += post.views;
  });
  return carried;
}

describe('posts that come and go', () => {
  it('does not track a post first read without its likes, so its lifetime likes are no gain', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01'), [reading('A', 100, 5)]);
    writer.scrape(kst('2026-03-02'), [reading('A', 101, 5), reading('B', 500, null)]);
    writer.scrape(kst('2026-03-03'), [reading('A', 102, 5), reading('B', 501, 40)]);
    const days = writerDailyGains(writer.index(), range('2026-03-02', '2026-03-03'));
    expect(days.map((gain) => gain.likes)).toEqual([0, 0]);
    // B is a baseline from the reading that had its likes.
    expect(postDailyGains(writer.index(), 'B', range('2026-03-03', '2026-03-03'))[0]?.views).toBe(
      null,
    );
  });

  it('turns what a post gained while velog called it gone into a span when it comes back', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-03-01'), [reading('A', 10), reading('B', 50)]);
    writer.scrape(kst('2026-03-02'), [reading('A', 11), reading('B', null, null, { gone: true })]);
    writer.scrape(kst('2026-03-03'), [reading('A', 12)]);
    writer.scrape(kst('2026-03-04'), [reading('A', 13), reading('B', 80)]);
    const [back] = postDailyGains(writer.index(), 'B', range('2026-03-04', '2026-03-04'));
    expect(back).toMatchObject({ views: null, gap: { days: 3, views: 30 } });
    expect(postRangeGains(writer.index(), range('2026-03-02', '2026-03-04')).get('B')?.views).toBe(
      30,
    );
  });
});
