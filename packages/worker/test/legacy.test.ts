import {
  type KstDate,
  kstDatesBetween,
  postDailyGains,
  writerDailyGains,
  writerRangeGains,
} from '@velog-insights/shared';
import { readStatsMonth } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, readGains, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;

// Released a month before the first scrape: not a launch, so velog's legacy buckets measure it.
const RELEASED_LONG_AGO = () => 24 * 40;

beforeAll(async () => {
  // Buckets come only with getStats, which a writer's first scrape asks of every post only
  // when views are read per post (VELOG_LISTING_VIEWS=never); velog switched them off in 2023.
  world = await startWorld(db.connection, {
    fake: { statsMode: 'legacy', now: new Date('2026-11-22T03:00:00Z') },
    listingViews: 'never',
  });
});

afterAll(async () => {
  await world.close();
});

describe('legacy daily buckets', () => {
  it('imports them as reads on the days before the first reading, likes unknown', async () => {
    const writer = await addWriter(world, {
      username: 'veteran',
      posts: 1,
      releasedHoursAgo: RELEASED_LONG_AGO,
    });
    const postId = writer.postIds[0] as string;
    world.fake.addReads(postId, 3, new Date('2026-11-19T05:00:00Z'));
    world.fake.addReads(postId, 4, new Date('2026-11-21T05:00:00Z'));
    world.fake.addReads(postId, 2, new Date('2026-11-22T01:00:00Z'));
    const cycle = await runCycle(world.context());
    expect(cycle.reports[0]?.outcome).toBe('ok');
    const range = { from: '2026-11-18' as KstDate, to: '2026-11-22' as KstDate };
    const days = postDailyGains(await readGains(world, writer.userId, range), postId, range);
    const total = 9;
    expect(days.map((day) => [day.day, day.views, day.likes, day.partial])).toEqual([
      ['2026-11-18', null, null, false],
      ['2026-11-19', 3, null, true],
      // No bucket: velog lists only days with reads, so this day had none.
      ['2026-11-20', 0, null, true],
      ['2026-11-21', 4, null, true],
      // The first reading's day: its reads from velog's bucket; its likes were not measured.
      ['2026-11-22', 2, null, true],
    ]);
    expect(
      days.filter((day) => day.totalViews !== null).map((day) => [day.day, day.totalViews]),
    ).toEqual([
      ['2026-11-19', total - 6],
      ['2026-11-21', total - 2],
      ['2026-11-22', total],
    ]);

    // Buckets are imported once, for a post new to us; later scrapes only add readings.
    const stored = await readStatsMonth(world.models, writer.userId, '2026-11');
    world.fake.advance(60_000);
    const again = await runCycle(world.context(), { force: true });
    expect(again.reports[0]?.counts.monthsWritten).toBe(0);
    expect(await readStatsMonth(world.models, writer.userId, '2026-11')).toEqual(stored);
    expect(Object.keys(stored?.days ?? {}).sort()).toEqual([
      '2026-11-19',
      '2026-11-21',
      '2026-11-22',
    ]);
  });

  it('counts the days without reads between the first bucket and the first reading as 0, across months', async () => {
    // Issue 9, defect 3: these days used to be gaps.
    const writer = await addWriter(world, {
      username: 'old-timer',
      posts: 2,
      releasedHoursAgo: RELEASED_LONG_AGO,
    });
    const [first, second] = writer.postIds as [string, string];
    world.fake.addReads(first, 5, new Date('2026-10-29T05:00:00Z'));
    world.fake.addReads(first, 1, new Date('2026-11-03T05:00:00Z'));
    world.fake.addReads(second, 2, new Date('2026-11-10T05:00:00Z'));
    const cycle = await runCycle(world.context(), { username: 'old-timer' });
    expect(cycle.reports[0]).toMatchObject({ outcome: 'ok', counts: { monthsWritten: 2 } });

    const range = { from: '2026-10-28' as KstDate, to: '2026-11-21' as KstDate };
    const gains = await readGains(world, writer.userId, range);
    const daily = writerDailyGains(gains, range);
    expect(daily[0]).toMatchObject({ day: '2026-10-28', views: null });
    const reads = new Map([
      ['2026-10-29', 5],
      ['2026-11-03', 1],
      ['2026-11-10', 2],
    ]);
    expect(daily.slice(1).map((day) => [day.day, day.views, day.gap])).toEqual(
      kstDatesBetween('2026-10-29' as KstDate, range.to).map((day) => [
        day,
        reads.get(day) ?? 0,
        null,
      ]),
    );
    // Every read is on its day: the range holds them all, and the October month holds its own.
    expect(writerRangeGains(gains, range).views).toBe(8);
    const october = await readStatsMonth(world.models, writer.userId, '2026-10');
    expect(Object.keys(october?.days ?? {})).toEqual(['2026-10-29']);
  });
});
