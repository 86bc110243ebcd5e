import { useTestDatabase } from '@velog-insights/testkit';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import {
  addWriter,
  openMonitoredConnection,
  startWorld,
  type World,
  type WriteCounter,
} from './world.js';

const db = useTestDatabase();
let connection: Connection;
let counter: WriteCounter;
let world: World;
let writer: Awaited<ReturnType<typeof addWriter>>;

// The bookkeeping a scrape always writes, and nothing else when velog shows no change: the
// claim (insert, delete), the writer's scrape status (at start, at end) and the run record.
const BOOKKEEPING = {
  scrape_claims: { insert: 1, delete: 1 },
  users: { update: 2 },
  scrape_runs: { insert: 1 },
};

beforeAll(async () => {
  ({ connection, counter } = await openMonitoredConnection(db.uri, db.dbName));
  world = await startWorld(connection);
  writer = await addWriter(world, { username: 'alice', posts: 137, privateEvery: 10 });
});

afterAll(async () => {
  await world.close();
  await connection.close();
});

describe('scraping a writer with 137 posts', () => {
  it('stores every post, private ones included, with one snapshot each for today', async () => {
    const cycle = await runCycle(world.context());
    expect(cycle.reports).toHaveLength(1);
    expect(cycle.reports[0]).toMatchObject({
      outcome: 'ok',
      counts: { posts: 137, statsFailed: 0 },
    });

    const posts = await world.models.Post.find({ userId: writer.userId }).lean();
    expect(posts).toHaveLength(137);
    expect(posts.filter((post) => post.isPrivate)).toHaveLength(14);
    const days = await world.models.PostDay.find({ userId: writer.userId }).lean();
    expect(days).toHaveLength(137);
    expect(new Set(days.map((day) => day.day))).toEqual(new Set(['2026-11-22']));
    const byPost = new Map(days.map((day) => [day.postId, day]));
    writer.postIds.forEach((postId, index) => {
      expect(byPost.get(postId)).toMatchObject({
        views: 10 * index,
        likes: index % 5,
        source: 'snapshot',
      });
    });
    const totals = await world.models.UserDay.find({ userId: writer.userId }).lean();
    expect(totals).toEqual([
      expect.objectContaining({
        _id: `${writer.userId}:2026-11-22`,
        views: (10 * 136 * 137) / 2,
        likes: writer.postIds.reduce((sum, _id, index) => sum + (index % 5), 0),
        posts: 137,
      }),
    ]);
    const user = await world.models.User.findById(writer.userId).lean();
    expect(user?.scrape).toMatchObject({
      lastOutcome: 'ok',
      requestedAt: null,
      firstSnapshotDay: '2026-11-22',
    });
    expect(
      await world.models.ScrapeRun.countDocuments({ userId: writer.userId, outcome: 'ok' }),
    ).toBe(1);
  });

  it('writes only bookkeeping when nothing changed, in 1 + 3 + 137 requests', async () => {
    world.fake.advance(60_000);
    world.fake.resetJournal();
    counter.reset();
    const cycle = await runCycle(world.context(), { force: true });
    expect(cycle.reports[0]).toMatchObject({
      outcome: 'ok',
      counts: { requests: 141, postsWritten: 0, postDaysWritten: 0, userDaysWritten: 0 },
    });
    expect(counter.byCollection()).toEqual(BOOKKEEPING);
    const journal = world.fake.journal();
    expect(journal).toHaveLength(1 + Math.ceil((137 + 1) / 50) + 137);
    expect(journal.filter((entry) => entry.operation === 'currentUser')).toHaveLength(1);
    expect(journal.filter((entry) => entry.operation === 'posts')).toHaveLength(3);
    const statsCalls = journal.filter((entry) => entry.operation === 'getStats');
    expect(new Set(statsCalls.map((entry) => entry.variables?.post_id))).toEqual(
      new Set(writer.postIds),
    );
  });

  it('writes only the changed posts, their day snapshots and the day total after new views', async () => {
    world.fake.advance(60_000);
    const changed = [writer.postIds[3], writer.postIds[50], writer.postIds[120]] as string[];
    for (const postId of changed) world.fake.addReads(postId, 7);
    counter.reset();
    const cycle = await runCycle(world.context(), { force: true });
    expect(cycle.reports[0]).toMatchObject({
      outcome: 'ok',
      counts: { postsWritten: 3, postDaysWritten: 3, userDaysWritten: 1 },
    });
    expect(counter.byCollection()).toEqual({
      ...BOOKKEEPING,
      post_days: { update: 1 },
      user_days: { update: 1 },
      posts: { update: 1 },
    });
    const days = await world.models.PostDay.find({
      _id: { $in: changed.map((id) => `${id}:2026-11-22`) },
    }).lean();
    expect(days.map((day) => day.views).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      37, 507, 1207,
    ]);
    const total = await world.models.UserDay.findById(`${writer.userId}:2026-11-22`).lean();
    expect(total?.views).toBe((10 * 136 * 137) / 2 + 21);
  });
});

describe('when velog fills views in the listing and the operator trusts it', () => {
  it('asks no getStats at all', async () => {
    world.fake.setViewsInPosts('owner');
    world.fake.advance(60_000);
    world.fake.resetJournal();
    counter.reset();
    const cycle = await runCycle(world.context({ trustListingViews: true }), { force: true });
    world.fake.setViewsInPosts('never');
    expect(cycle.reports[0]).toMatchObject({
      outcome: 'ok',
      counts: { requests: 4, postsWritten: 0 },
    });
    expect(world.fake.journal().map((entry) => entry.operation)).toEqual([
      'currentUser',
      'posts',
      'posts',
      'posts',
    ]);
    expect(counter.byCollection()).toEqual(BOOKKEEPING);
  });
});
