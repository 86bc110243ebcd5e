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
  it('asks again from an earlier post when the cursor post is deleted mid-listing, and loses nothing', async () => {
    const { fake } = world;
    // Page 2 is asked after post 48: the last of page 1 released before page 1's last (49).
    const cursorId = writer.postIds[48] as string;
    fake.advance(60_000);
    fake.resetJournal();
    // velog deletes the cursor post just as the request that uses it goes out, and so answers
    // page 1 again.
    const client = hookedClient(world.client, {
      beforePage: (input) => {
        if (input.cursor === cursorId) fake.deletePost(cursorId);
      },
    });
    const cycle = await runCycle(world.context({ client }), { force: true });

    // The deleted post was on page 1, already listed: all 120 were read.
    expect(cycle.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 120 } });
    const cursors = fake
      .journal()
      .filter((entry) => entry.operation === 'posts')
      .map((entry) => (entry.variables?.input as { cursor?: string } | undefined)?.cursor);
    expect(cursors).toEqual(['', cursorId, writer.postIds[47], writer.postIds[97]]);
    // Seen on page 1, it is removed only once a later complete listing misses it.
    expect(await removedPosts(writer.userId)).toEqual([]);
    const tracked = await trackedPosts(writer.userId);
    expect(tracked.size).toBe(120);
    writer.postIds.forEach((postId, index) => {
      expect(tracked.get(postId)?.v).toBe(10 * index);
    });
  });

  it('removes nothing when a page fails, even for posts velog has deleted', async () => {
    const { fake } = world;
    const deleted = [writer.postIds[110], writer.postIds[115]] as string[];
    for (const postId of deleted) fake.deletePost(postId);
    // With post 48 gone, page 1 ends at post 50 and page 2 (after post 49) at post 99: the
    // request for page 3, after post 98, fails every time.
    fake.injectFault({
      operation: 'posts',
      postId: writer.postIds[98],
      kind: 'http-error',
      status: 503,
    });
    fake.advance(60_000);
    const cycle = await runCycle(world.context(), { force: true });
    fake.clearFaults();
    expect(cycle.reports[0]?.outcome).toBe('partial');
    expect(cycle.reports[0]?.errors[0]).toMatchObject({ code: 'velog-unavailable' });
    expect(cycle.reports[0]?.counts.posts).toBe(99);
    expect(await removedPosts(writer.userId)).toEqual([]);
  });

  it('marks deleted posts removed once a complete owner’s listing and getStats agree', async () => {
    world.fake.advance(60_000);
    const cycle = await runCycle(world.context(), { force: true });
    expect(cycle.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 117 } });
    expect((await removedPosts(writer.userId)).sort()).toEqual(
      [writer.postIds[48], writer.postIds[110], writer.postIds[115]].sort(),
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

  it('stores every post on a first scrape, every time, though velog shuffles ties on every request', async () => {
    // Pairs of posts share an instant (0 and 1, 2 and 3, …), so page boundaries cut through
    // ties wherever they fall; the fake deals each tie group anew on every request.
    for (let run = 0; run < 20; run += 1) {
      const tied = await addWriter(world, {
        username: `tied-${run}`,
        posts: 75 + run,
        releasedHoursAgo: (index) => 1 + Math.floor(index / 2),
      });
      const first = await runCycle(world.context(), { username: `tied-${run}` });
      expect(first.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 75 + run } });
      const tracked = await trackedPosts(tied.userId);
      expect(new Set(tracked.keys())).toEqual(new Set(tied.postIds));
    }
  });
});
