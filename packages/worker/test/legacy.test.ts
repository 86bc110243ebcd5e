import { recordSnapshot } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await startWorld(db.connection, {
    fake: { statsMode: 'legacy', now: new Date('2026-11-22T03:00:00Z') },
  });
});

afterAll(async () => {
  await world.close();
});

describe('legacy daily buckets', () => {
  it('imports them as cumulative days before the first snapshot, marked as from velog', async () => {
    const writer = await addWriter(world, { username: 'veteran', posts: 1 });
    const postId = writer.postIds[0] as string;
    world.fake.addReads(postId, 3, new Date('2026-11-19T05:00:00Z'));
    world.fake.addReads(postId, 4, new Date('2026-11-21T05:00:00Z'));
    world.fake.addReads(postId, 2, new Date('2026-11-22T01:00:00Z'));
    const cycle = await runCycle(world.context());
    expect(cycle.reports[0]?.outcome).toBe('ok');
    const days = await world.models.PostDay.find({ postId }).sort({ day: 1 }).lean();
    const total = days.at(-1)?.views ?? 0;
    expect(days.map((day) => [day.day, day.views, day.likes, day.source])).toEqual([
      ['2026-11-19', total - 6, null, 'velog-legacy'],
      ['2026-11-21', total - 2, null, 'velog-legacy'],
      ['2026-11-22', total, 0, 'snapshot'],
    ]);

    // Buckets are imported once, for a post new to us; later scrapes only add snapshots.
    world.fake.advance(60_000);
    const again = await runCycle(world.context(), { force: true });
    expect(again.reports[0]?.counts.postDaysWritten).toBe(0);
    expect(await world.models.PostDay.countDocuments({ postId })).toBe(3);
  });
});

describe('recordSnapshot, the scraper’s write path for other callers', () => {
  it('creates, diffs and writes like a scrape, and writes nothing for a repeat', async () => {
    const userId = 'demo';
    const takenAt = new Date('2026-11-22T10:00:00Z');
    const first = await recordSnapshot(world.models, {
      userId,
      takenAt,
      observations: [
        {
          postId: 'd1',
          views: 100,
          likes: 3,
          post: {
            title: 'Hello',
            urlSlug: 'hello',
            tags: [],
            releasedAt: null,
            updatedAt: null,
            isPrivate: false,
            commentsCount: 0,
          },
        },
        { postId: 'd2', views: 50, likes: 1 },
      ],
    });
    expect(first.written).toEqual({ postsWritten: 2, postDaysWritten: 2, userDaysWritten: 1 });
    const again = await recordSnapshot(world.models, {
      userId,
      takenAt: new Date('2026-11-22T11:00:00Z'),
      observations: [
        { postId: 'd1', views: 100, likes: 3 },
        { postId: 'd2', views: 50, likes: 1 },
      ],
    });
    expect(again.written).toEqual({ postsWritten: 0, postDaysWritten: 0, userDaysWritten: 0 });
    expect(await world.models.Post.findById('d1').lean()).toMatchObject({
      title: 'Hello',
      views: 100,
      likes: 3,
    });
    expect(await world.models.UserDay.findById('demo:2026-11-22').lean()).toMatchObject({
      views: 150,
      likes: 4,
      posts: 2,
    });
  });
});
