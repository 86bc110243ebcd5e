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
import { addWriter, hookedClient, readGains, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;
let writer: Awaited<ReturnType<typeof addWriter>>;

beforeAll(async () => {
  world = await startWorld(db.connection, { client: { retries: 2 } });
  writer = await addWriter(world, { username: 'lister', posts: 120 });
  const first = await runCycle(world.context());
  expect(first.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 120 } });
  // The traps below happen on a later day than the posts were first seen: on its first day a
  // post's first reading stands, so only from the next day on can it be missed or removed.
  world.fake.setNow(new Date('2026-11-23T03:00:00Z'));
});

afterAll(async () => {
  await world.close();
});

/** The posts the writer's month tracks, by velog post id. */
async function trackedPosts(userId: string): Promise<Map<string, StatsMonth['posts'][string]>> {
  const stored = await readStatsMonth(world.models, userId, '2026-11');
  return new Map(Object.values(stored?.posts ?? {}).map((post) => [post.id, post]));
}

/** The ids of the tracked posts velog said are gone. */
async function removedPosts(userId: string): Promise<string[]> {
  const tracked = await trackedPosts(userId);
  return [...tracked.values()].filter((post) => post.rm !== undefined).map((post) => post.id);
}

describe('velog’s post listing traps', () => {
  it('ends the listing without duplicates when the cursor post is deleted mid-listing, removing nothing', async () => {
    const { fake } = world;
    const cursorId = writer.postIds[49] as string; // the last post of page 1
    fake.advance(60_000);
    fake.resetJournal();
    // velog deletes the cursor post just as the request that uses it goes out.
    const client = hookedClient(world.client, {
      beforePage: (input) => {
        if (input.cursor === cursorId) fake.deletePost(cursorId);
      },
    });
    const running = runCycle(world.context({ client }), { force: true });
    const cycle = await running;

    expect(cycle.reports[0]).toMatchObject({ outcome: 'partial' });
    expect(cycle.reports[0]?.errors).toContainEqual(
      expect.objectContaining({ code: 'listing-repeated-post' }),
    );
    expect(fake.journal().filter((entry) => entry.operation === 'posts')).toHaveLength(2);
    expect((await trackedPosts(writer.userId)).size).toBe(120);
    expect(await removedPosts(writer.userId)).toEqual([]);
    // The posts the cut listing never reached were still asked for, and read.
    const reached = fake
      .journal()
      .filter((entry) => entry.operation === 'getStats')
      .map((entry) => entry.variables?.post_id);
    expect(new Set(reached)).toEqual(new Set(writer.postIds));
  });

  it('removes nothing when a page fails, even for posts velog has deleted', async () => {
    const { fake } = world;
    const deleted = [writer.postIds[110], writer.postIds[115]] as string[];
    for (const postId of deleted) fake.deletePost(postId);
    // With post 49 gone, page 2 ends at post 100: the request for page 3 fails every time.
    fake.injectFault({
      operation: 'posts',
      postId: writer.postIds[100],
      kind: 'http-error',
      status: 503,
    });
    fake.advance(60_000);
    const cycle = await runCycle(world.context(), { force: true });
    fake.clearFaults();
    expect(cycle.reports[0]?.outcome).toBe('partial');
    expect(cycle.reports[0]?.errors[0]).toMatchObject({ code: 'velog-unavailable' });
    expect(cycle.reports[0]?.counts.posts).toBe(100);
    expect(await removedPosts(writer.userId)).toEqual([]);
  });

  it('marks deleted posts removed once a complete owner’s listing and getStats agree', async () => {
    world.fake.advance(60_000);
    const cycle = await runCycle(world.context(), { force: true });
    expect(cycle.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 117 } });
    expect((await removedPosts(writer.userId)).sort()).toEqual(
      [writer.postIds[49], writer.postIds[110], writer.postIds[115]].sort(),
    );
    expect((await trackedPosts(writer.userId)).size).toBe(120);
    // A removed post keeps its counters, so its removal is no negative day: it has no figure.
    const range = { from: '2026-11-23' as KstDate, to: '2026-11-23' as KstDate };
    const gains = await readGains(world, writer.userId, range);
    for (const postId of [writer.postIds[110], writer.postIds[115]] as string[]) {
      expect(postDailyGains(gains, postId, range)[0]?.views).toBeNull();
    }
    expect(writerDailyGains(gains, range)[0]?.views).toBe(0);
  });

  it('keeps and snapshots a post velog skips at a page boundary because of an equal released_at', async () => {
    const { fake } = world;
    // Posts 48 and 49 were released at the same instant; both sit inside page 1 for now.
    const tied = await addWriter(world, {
      username: 'tied',
      posts: 60,
      releasedHoursAgo: (index) => (index === 49 ? 49 : index + 1),
    });
    const first = await runCycle(world.context(), { username: 'tied', force: true });
    expect(first.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 60 } });

    // A new post pushes post 48 to the end of page 1: velog's next page starts strictly
    // before its released_at, so post 49 falls between the pages.
    fake.addPost({ userId: tied.userId, title: 'new', releasedAt: fake.now() });
    const skipped = tied.postIds[49] as string;
    fake.addReads(skipped, 4);
    fake.advance(60_000);
    fake.resetJournal();
    const second = await runCycle(world.context(), { username: 'tied', force: true });
    expect(second.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 60 } });
    const listedIds = fake
      .journal()
      .filter((entry) => entry.operation === 'getStats')
      .map((entry) => entry.variables?.post_id);
    expect(listedIds).toContain(skipped);
    const tracked = await trackedPosts(tied.userId);
    expect(tracked.get(skipped)).toMatchObject({ v: 490 + 4 });
    expect(tracked.get(skipped)?.rm).toBeUndefined();
    // A baseline on the writer's first scrape, read again the same day: its 4 new reads count.
    const range = { from: '2026-11-23' as KstDate, to: '2026-11-23' as KstDate };
    const [day] = postDailyGains(await readGains(world, tied.userId, range), skipped, range);
    expect(day).toMatchObject({ views: 4, totalViews: 494 });
    expect(tracked.size).toBe(61);
  });
});
