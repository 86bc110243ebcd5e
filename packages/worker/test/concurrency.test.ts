import { type KstDate, writerDailyGains } from '@velog-insights/shared';
import { readStatsMonth, type StoreModels, storeModels } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { createVelogClient, type VelogClient } from '@velog-insights/velog';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, hookedClient, readGains, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;

beforeAll(async () => {
  // Every post's getStats too, so that each writer sends many requests at once.
  world = await startWorld(db.connection, {
    client: { concurrency: 3, perUserConcurrency: 2 },
    listingViews: 'never',
  });
  // A little latency, so requests overlap the way they do against the real velog.
  world.fake.setLatency('v2', { baseMs: 3, jitterMs: 3 });
  world.fake.setLatency('v3', { baseMs: 3, jitterMs: 3 });
});

afterAll(async () => {
  await world.close();
});

describe('several writers in one cycle', () => {
  it('sends each writer’s requests with that writer’s cookies only, and never more than the bound in flight', async () => {
    // 20 minutes left: both pairs rotate mid-cycle, which is when a shared jar would leak.
    const alice = await addWriter(world, {
      username: 'alice',
      posts: 60,
      tokenTtlSeconds: 20 * 60,
    });
    const bob = await addWriter(world, { username: 'bob', posts: 60, tokenTtlSeconds: 20 * 60 });
    world.fake.resetJournal();
    const cycle = await runCycle(world.context({ userConcurrency: 2 }));
    expect(cycle.reports.map((report) => report.outcome)).toEqual(['ok', 'ok']);

    const owner = new Map<string, string>();
    for (const postId of alice.postIds) owner.set(postId, alice.userId);
    for (const postId of bob.postIds) owner.set(postId, bob.userId);
    const usernames = new Map([
      ['alice', alice.userId],
      ['bob', bob.userId],
    ]);
    const journal = world.fake.journal();
    expect(journal.length).toBe(2 * (1 + 2 + 60));
    for (const entry of journal) {
      expect(Object.keys(entry.cookies).sort()).toEqual(['access_token', 'refresh_token']);
      const access = world.fake.verifyToken(entry.cookies.access_token ?? '');
      const refresh = world.fake.verifyToken(entry.cookies.refresh_token ?? '');
      expect(refresh?.user_id).toBe(access?.user_id);
      if (entry.operation === 'getStats') {
        expect(access?.user_id).toBe(owner.get(String(entry.variables?.post_id)));
      }
      if (entry.operation === 'posts') {
        const input = entry.variables?.input as { username: string };
        expect(access?.user_id).toBe(usernames.get(input.username));
      }
    }
    const maxInFlight = world.fake.maxInFlight();
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
  });
});

/** A second worker's own connection and velog client, closed once `run` is done. */
async function withSecondWorker<T>(
  run: (io: { models: StoreModels; client: VelogClient }) => Promise<T>,
): Promise<T> {
  const other: Connection = await mongoose
    .createConnection(db.uri, { dbName: db.dbName })
    .asPromise();
  const client = createVelogClient({
    v3Url: world.fake.urls.v3,
    statsUrl: world.fake.urls.v2,
    minRetryDelayMs: 1,
  });
  try {
    return await run({ models: storeModels(other), client });
  } finally {
    await client.close();
    await other.close();
  }
}

describe('two workers on one database', () => {
  it('scrapes each writer once per cycle', async () => {
    await addWriter(world, { username: 'carol', posts: 5 });
    await addWriter(world, { username: 'dave', posts: 5 });
    await addWriter(world, { username: 'erin', posts: 5 });
    world.fake.advance(60 * 60_000); // everyone is due again
    world.fake.resetJournal();
    const [a, b] = await withSecondWorker((other) =>
      Promise.all([
        runCycle(world.context({ workerId: 'worker-a' })),
        runCycle(world.context({ workerId: 'worker-b', ...other })),
      ]),
    );
    const scraped = [...a.reports, ...b.reports].map((report) => report.username).sort();
    expect(scraped).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    const signIns = world.fake.journal().filter((entry) => entry.operation === 'currentUser');
    expect(signIns).toHaveLength(5);
    expect(await world.models.ScrapeClaim.countDocuments()).toBe(0);
  });

  it('skips a writer another worker holds, and takes over a crashed worker’s expired claim', async () => {
    const now = world.fake.now();
    world.fake.advance(60 * 60_000);
    const users = await world.models.User.find({ username: { $in: ['carol', 'dave'] } }).lean();
    const carol = users.find((user) => user.username === 'carol');
    const dave = users.find((user) => user.username === 'dave');
    await world.models.ScrapeClaim.insertMany([
      {
        _id: carol?._id,
        workerId: 'live',
        runId: 'r1',
        claimedAt: now,
        expiresAt: new Date(now.getTime() + 3 * 3600_000),
      },
      {
        _id: dave?._id,
        workerId: 'crashed',
        runId: 'r2',
        claimedAt: now,
        expiresAt: new Date(now.getTime() + 60_000),
      },
    ]);
    const cycle = await runCycle(world.context());
    expect(cycle.skipped).toEqual([
      { userId: carol?._id, username: 'carol', reason: 'claimed-elsewhere' },
    ]);
    expect(cycle.reports.map((report) => report.username).sort()).toEqual([
      'alice',
      'bob',
      'dave',
      'erin',
    ]);
    expect(await world.models.ScrapeClaim.find().lean()).toEqual([
      expect.objectContaining({ _id: carol?._id, workerId: 'live' }),
    ]);
  });
});

/** A gate that opens for every caller once `parties` calls have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === parties) open();
    return opened;
  };
}

describe('the first scrape of a new KST day, two writers at once on two connections', () => {
  it('completes both scrapes and writes both months (issue 9, defect 8)', async () => {
    // On FerretDB the old day roll, two connections each bulk-updating existing documents at
    // once, never answered. Every getStats answer of both writers is held until all of them
    // are in, so both scrapes reach their write at the same moment, each on its own connection.
    const writers = await world.models.User.find({ username: { $in: ['alice', 'bob'] } }).lean();
    const months = new Map<string, number>();
    for (const user of writers) {
      const stored = await readStatsMonth(world.models, user._id, '2026-11');
      const posts = Object.values(stored?.posts ?? {});
      months.set(user._id, posts.length);
      for (const post of posts) world.fake.addReads(post.id, 2);
    }
    expect([...months.values()]).toEqual([60, 60]);
    world.fake.setNow(new Date('2026-11-23T03:00:00Z')); // 12:00 KST, the next day
    const allAnswered = barrier(120);
    const [a, b] = await withSecondWorker((other) =>
      Promise.all([
        runCycle(
          world.context({
            workerId: 'worker-a',
            client: hookedClient(world.client, { afterStats: allAnswered }),
          }),
          { username: 'alice' },
        ),
        runCycle(
          world.context({
            workerId: 'worker-b',
            models: other.models,
            client: hookedClient(other.client, { afterStats: allAnswered }),
          }),
          { username: 'bob' },
        ),
      ]),
    );
    expect(
      [...a.reports, ...b.reports].map((report) => [
        report.username,
        report.outcome,
        report.counts.monthsWritten,
      ]),
    ).toEqual([
      ['alice', 'ok', 1],
      ['bob', 'ok', 1],
    ]);
    const range = { from: '2026-11-23' as KstDate, to: '2026-11-23' as KstDate };
    for (const user of writers) {
      expect((await readStatsMonth(world.models, user._id, '2026-11'))?.last).toBe('2026-11-23');
      const [day] = writerDailyGains(await readGains(world, user._id, range), range);
      expect(day).toMatchObject({ views: 2 * 60, partial: false });
    }
  });
});
