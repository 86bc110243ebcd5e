import { deriveDailyGains, KstDate } from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;
let writer: Awaited<ReturnType<typeof addWriter>>;

beforeAll(async () => {
  // A short timeout so the hung request gives up quickly; three retries per request.
  world = await startWorld(db.connection, { client: { timeoutMs: 300, retries: 3 } });
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

    const posts = new Map(
      (await world.models.Post.find({ userId: writer.userId }).lean()).map((post) => [
        post._id,
        post,
      ]),
    );
    writer.postIds.forEach((postId, index) => {
      const failed = postId === p4 || postId === p5;
      expect(posts.get(postId)?.views).toBe(10 * index + (failed ? 0 : 5));
    });
    const today = await world.models.PostDay.find({
      userId: writer.userId,
      day: '2026-11-23',
    }).lean();
    expect(today.map((day) => day.postId).sort()).toEqual(
      writer.postIds.filter((postId) => postId !== p4 && postId !== p5).sort(),
    );

    // No zero or negative day: the day total uses the failed posts' stored views.
    const totals = await world.models.UserDay.find({ userId: writer.userId })
      .sort({ day: 1 })
      .lean();
    const snapshots = totals.map((total) => ({ ...total, day: KstDate.parse(total.day) }));
    const gains = deriveDailyGains(
      snapshots,
      KstDate.parse('2026-11-22'),
      KstDate.parse('2026-11-23'),
    );
    expect(gains.map((gain) => [gain.day, gain.views, gain.correction])).toEqual([
      ['2026-11-22', null, false],
      ['2026-11-23', 6 * 5, false],
    ]);
    const allDays = await world.models.PostDay.find({ userId: writer.userId }).lean();
    for (const postId of writer.postIds) {
      const [before, after] = allDays
        .filter((day) => day.postId === postId)
        .sort((a, b) => a.day.localeCompare(b.day));
      expect(before?.views).not.toBeNull();
      if (after) expect(after.views).toBeGreaterThan(before?.views ?? 0);
    }
  });
});
