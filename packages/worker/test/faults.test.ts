import {
  type KstDate,
  postDailyGains,
  type StatsMonth,
  writerDailyGains,
} from '@velog-insights/shared';
import { readStatsMonth } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, readGains, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;
let writer: Awaited<ReturnType<typeof addWriter>>;

async function november(): Promise<StatsMonth> {
  const stored = await readStatsMonth(world.models, writer.userId, '2026-11');
  if (stored === null) throw new Error('no month stored');
  return stored;
}

/** The month's post number of each of the writer's posts. */
function postNumbers(stored: StatsMonth): Map<string, string> {
  return new Map(Object.entries(stored.posts).map(([idx, post]) => [post.id, idx]));
}

beforeAll(async () => {
  // Three retries per request. The hung request gives up after the client's timeout, which is
  // kept far above what a loopback answer takes on a loaded machine: a timeout that an honest
  // answer could hit would add retries and change the counts below.
  // Faults on getStats: the path of a writer whose views are read per post.
  world = await startWorld(db.connection, {
    client: { timeoutMs: 2_000, retries: 3 },
    listingViews: 'never',
  });
  writer = await addWriter(world, { username: 'faulty', posts: 8 });
  const first = await runCycle(world.context());
  expect(first.reports[0]?.outcome).toBe('ok');
});

afterAll(async () => {
  await world.close();
});

describe('velog failing on some getStats calls', () => {
  it('retries within budget, keeps what is stored for the posts that still fail, and ends partial', async () => {
    const { fake } = world;
    const [p0, p1, p2, p3, p4, p5] = writer.postIds as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    fake.setNow(new Date('2026-11-23T03:00:00Z')); // the next KST day
    for (const postId of writer.postIds) fake.addReads(postId, 5);
    // Recovered within the retries:
    fake.injectFault({
      operation: 'getStats',
      postId: p0,
      kind: 'http-error',
      status: 502,
      times: 2,
    });
    fake.injectFault({ operation: 'getStats', postId: p1, kind: 'reset', times: 1 });
    fake.injectFault({ operation: 'getStats', postId: p2, kind: 'hang', times: 1 });
    fake.injectFault({ operation: 'getStats', postId: p3, kind: 'statement-timeout', times: 3 });
    // Still failing after every retry:
    fake.injectFault({ operation: 'getStats', postId: p4, kind: 'statement-timeout' });
    fake.injectFault({ operation: 'getStats', postId: p5, kind: 'http-error', status: 503 });
    fake.resetJournal();

    const cycle = await runCycle(world.context(), { force: true });
    fake.clearFaults();
    const report = cycle.reports[0];
    expect(report?.outcome).toBe('partial');
    expect(report?.counts.statsFailed).toBe(2);
    expect(new Set(report?.errors.map((error) => error.postId))).toEqual(new Set([p4, p5]));

    const statsCalls = (postId: string) =>
      fake
        .journal()
        .filter((entry) => entry.operation === 'getStats' && entry.variables?.post_id === postId);
    expect(statsCalls(p0)).toHaveLength(3);
    expect(statsCalls(p1)).toHaveLength(2);
    expect(statsCalls(p2)).toHaveLength(2);
    expect(statsCalls(p3)).toHaveLength(4);
    expect(statsCalls(p4)).toHaveLength(4); // 1 + 3 retries, then given up
    expect(statsCalls(p5)).toHaveLength(4);

    const stored = await november();
    const idx = postNumbers(stored);
    writer.postIds.forEach((postId, index) => {
      const failed = postId === p4 || postId === p5;
      expect(stored.posts[idx.get(postId) as string]?.v).toBe(10 * index + (failed ? 0 : 5));
    });
    // The day's readings: every post but the two that failed, which are marked missed.
    const today = stored.days['2026-11-23'];
    const read = writer.postIds.filter((postId) => postId !== p4 && postId !== p5);
    expect(Object.keys(today?.v ?? {}).sort()).toEqual(read.map((id) => idx.get(id)).sort());
    expect(Object.keys(today?.miss ?? {}).sort()).toEqual([idx.get(p4), idx.get(p5)].sort());

    // No zero or negative day: the day's figure is the sum of what the read posts gained, and
    // says part of the day is unmeasured. The first day is the writer's first scrape, on which
    // all eight posts (released that morning) launched: their whole count, where it used to be
    // unknown.
    const range = { from: '2026-11-22' as KstDate, to: '2026-11-23' as KstDate };
    const gains = await readGains(world, writer.userId, range);
    expect(
      writerDailyGains(gains, range).map((gain) => [
        gain.day,
        gain.views,
        gain.correction,
        gain.partial,
      ]),
    ).toEqual([
      ['2026-11-22', 10 * 28, false, false],
      ['2026-11-23', 6 * 5, false, true],
    ]);
    for (const postId of writer.postIds) {
      const [before, after] = postDailyGains(gains, postId, range);
      expect(before?.views).not.toBeNull();
      // A post that could not be read has no figure for the day: a gap, not a zero.
      if (postId === p4 || postId === p5) expect(after?.views).toBeNull();
      else expect(after?.views).toBe(5);
    }
  });

  it('counts what a failed post gained meanwhile as a span once it is read again', async () => {
    const [, , , , p4, p5] = writer.postIds as string[];
    world.fake.setNow(new Date('2026-11-24T03:00:00Z'));
    const cycle = await runCycle(world.context(), { force: true });
    expect(cycle.reports[0]?.outcome).toBe('ok');
    const range = { from: '2026-11-24' as KstDate, to: '2026-11-24' as KstDate };
    const gains = await readGains(world, writer.userId, range);
    for (const postId of [p4, p5] as string[]) {
      expect(postDailyGains(gains, postId, range)[0]).toMatchObject({
        views: null,
        gap: { days: 2, views: 5, likes: 0 },
      });
    }
    // The others gained nothing today; the two posts' 5 views each are not poured into it.
    expect(writerDailyGains(gains, range)[0]).toMatchObject({
      views: 0,
      partial: false,
      gap: { days: 2, views: 10, likes: 0 },
    });
  });
});
