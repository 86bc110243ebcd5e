import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;
let writer: Awaited<ReturnType<typeof addWriter>>;

beforeAll(async () => {
  world = await startWorld(db.connection, { client: { retries: 2 } });
  writer = await addWriter(world, { username: 'lister', posts: 120 });
  const first = await runCycle(world.context());
  expect(first.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 120 } });
});

afterAll(async () => {
  await world.close();
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let attempt = 0; !check(); attempt += 1) {
    if (attempt > 1_000) throw new Error('waited in vain');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('velog’s post listing traps', () => {
  it('ends the listing without duplicates when the cursor post is deleted mid-listing, removing nothing', async () => {
    const { fake } = world;
    const cursorId = writer.postIds[49] as string; // the last post of page 1
    fake.injectFault({
      operation: 'posts',
      postId: cursorId,
      kind: 'delay',
      delayMs: 300,
      times: 1,
    });
    fake.advance(60_000);
    fake.resetJournal();
    const running = runCycle(world.context(), { force: true });
    // Delete the cursor post while velog is still answering the request that uses it.
    await waitFor(() =>
      fake
        .journal()
        .some(
          (entry) =>
            entry.operation === 'posts' &&
            (entry.variables?.input as { cursor?: string })?.cursor === cursorId,
        ),
    );
    fake.deletePost(cursorId);
    const cycle = await running;

    expect(cycle.reports[0]).toMatchObject({ outcome: 'partial' });
    expect(cycle.reports[0]?.errors).toContainEqual(
      expect.objectContaining({ code: 'listing-repeated-post' }),
    );
    expect(fake.journal().filter((entry) => entry.operation === 'posts')).toHaveLength(2);
    expect(await world.models.Post.countDocuments({ userId: writer.userId })).toBe(120);
    expect(
      await world.models.Post.countDocuments({ userId: writer.userId, removedAt: { $ne: null } }),
    ).toBe(0);
    // The posts the cut listing never reached were still asked for, and snapshotted.
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
    expect(
      await world.models.Post.countDocuments({ userId: writer.userId, removedAt: { $ne: null } }),
    ).toBe(0);
  });

  it('marks deleted posts removed once a complete owner’s listing and getStats agree', async () => {
    world.fake.advance(60_000);
    const cycle = await runCycle(world.context(), { force: true });
    expect(cycle.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 117 } });
    const removed = await world.models.Post.find({
      userId: writer.userId,
      removedAt: { $ne: null },
    }).lean();
    expect(removed.map((post) => post._id).sort()).toEqual(
      [writer.postIds[49], writer.postIds[110], writer.postIds[115]].sort(),
    );
    expect(await world.models.Post.countDocuments({ userId: writer.userId })).toBe(120);
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
    const post = await world.models.Post.findById(skipped).lean();
    expect(post).toMatchObject({ removedAt: null, views: 490 + 4 });
    const day = await world.models.PostDay.findById(`${skipped}:2026-11-22`).lean();
    expect(day?.views).toBe(494);
    expect(await world.models.Post.countDocuments({ userId: tied.userId })).toBe(61);
  });
});
