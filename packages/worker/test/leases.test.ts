import { ALWAYS_DUE, readStatsMonth, requestScrape } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it, vi } from 'vitest';
import { runCycle } from '../src/cycle.js';
import type { Heartbeat } from '../src/lease.js';
import { addWriter, useWorld } from './world.js';

const db = useTestDatabase();
const world = useWorld(db);
/** world.context()'s lease TTL. */
const TTL_MS = 60_000;

/** A heartbeat the test beats by hand: each lease taken adds its beat here. */
function manualHeartbeat(): { heartbeat: Heartbeat; beats: (() => Promise<void>)[] } {
  const beats: (() => Promise<void>)[] = [];
  return {
    beats,
    heartbeat: (beat) => {
      beats.push(beat);
      return () => {};
    },
  };
}

/** Resolves once velog has a `posts` request of this writer in hand. */
async function listingInFlight(username: string): Promise<void> {
  await vi.waitFor(
    () => {
      const asked = world.fake
        .journal()
        .some(
          (entry) =>
            entry.operation === 'posts' &&
            (entry.variables?.input as { username?: string } | undefined)?.username === username,
        );
      if (!asked) throw new Error(`no listing of ${username} yet`);
    },
    { timeout: 20_000, interval: 5 },
  );
}

describe('leases', () => {
  it('are renewed while a scrape runs, so a long scrape is not taken over', async () => {
    await addWriter(world, { username: 'slow', posts: 4 });
    const hold = world.fake.injectFault({ operation: 'posts', kind: 'hold', times: 1 });
    const { heartbeat, beats } = manualHeartbeat();
    const first = runCycle(world.context({ workerId: 'a', heartbeat }), { username: 'slow' });
    await listingInFlight('slow');
    // Past the lease's first expiry: only the heartbeat keeps it this run's.
    world.fake.advance(TTL_MS + 1_000);
    expect(beats).toHaveLength(1);
    await beats[0]?.();
    const second = await runCycle(world.context({ workerId: 'b' }), {
      username: 'slow',
      force: true,
    });
    expect(second.skipped).toEqual([expect.objectContaining({ reason: 'claimed-elsewhere' })]);
    expect(second.takeovers).toEqual([]);
    world.fake.clearFaults(hold);
    const done = await first;
    expect(done.reports.map((report) => report.outcome)).toEqual(['ok']);
    expect(await world.models.ScrapeClaim.countDocuments()).toBe(0);
  });

  it('of a worker that stopped renewing are taken over after the TTL; the stalled run then writes nothing', async () => {
    const writer = await addWriter(world, { username: 'stalled', posts: 5 });
    const hold = world.fake.injectFault({ operation: 'posts', kind: 'hold', times: 1 });
    const { heartbeat, beats } = manualHeartbeat();
    world.fake.resetJournal();
    try {
      const stalled = runCycle(world.context({ workerId: 'a', heartbeat }), {
        username: 'stalled',
      });
      await listingInFlight('stalled');

      // Within the TTL the lease is still worker a's, renewed or not.
      world.fake.advance(TTL_MS - 1_000);
      const early = await runCycle(world.context({ workerId: 'b' }), { username: 'stalled' });
      expect(early.skipped).toEqual([expect.objectContaining({ reason: 'claimed-elsewhere' })]);

      world.fake.advance(2_000);
      const takeover = await runCycle(world.context({ workerId: 'b' }), { username: 'stalled' });
      expect(takeover.takeovers).toEqual([{ userId: writer.userId, fromWorkerId: 'a' }]);
      expect(takeover.reports.map((report) => report.outcome)).toEqual(['ok']);
      expect(world.logs.some((line) => line.includes('lease taken over'))).toBe(true);
      const month = await readStatsMonth(world.models, writer.userId, '2026-11');
      const user = await world.models.User.findById(writer.userId).lean();
      const runs = await world.models.ScrapeRun.find({ userId: writer.userId }).lean();

      // Worker a's next beat finds the lease gone: its requests stop and it writes nothing.
      await beats[0]?.();
      const [report] = (await stalled).reports;
      expect(report).toMatchObject({
        outcome: 'failed',
        errors: [expect.objectContaining({ code: 'lease-lost' })],
      });
      expect(await readStatsMonth(world.models, writer.userId, '2026-11')).toEqual(month);
      expect(await world.models.User.findById(writer.userId).lean()).toEqual(user);
      expect(await world.models.ScrapeRun.find({ userId: writer.userId }).lean()).toEqual(runs);
      expect(await world.models.ScrapeClaim.countDocuments({ _id: writer.userId })).toBe(0);
    } finally {
      world.fake.clearFaults(hold);
    }
  });

  it('lost between reading and writing stop the run before its first write', async () => {
    const writer = await addWriter(world, { username: 'overtaken', posts: 3 });
    const hold = world.fake.injectFault({ operation: 'posts', kind: 'hold', times: 1 });
    const stalled = runCycle(
      world.context({ workerId: 'a', heartbeat: manualHeartbeat().heartbeat }),
      {
        username: 'overtaken',
      },
    );
    await listingInFlight('overtaken');
    // Another worker holds the writer now (a took too long); a has not noticed yet.
    await world.models.ScrapeClaim.deleteOne({ _id: writer.userId });
    await world.models.ScrapeClaim.create({
      _id: writer.userId,
      workerId: 'b',
      runId: 'b-run',
      claimedAt: world.fake.now(),
      expiresAt: new Date(world.fake.now().getTime() + TTL_MS),
    });
    const before = await world.models.User.findById(writer.userId).lean();
    world.fake.clearFaults(hold);
    const [report] = (await stalled).reports;
    expect(report).toMatchObject({ outcome: 'failed', errors: [{ code: 'lease-lost' }] });
    expect(await readStatsMonth(world.models, writer.userId, '2026-11')).toBeNull();
    expect(await world.models.User.findById(writer.userId).lean()).toEqual(before);
    expect(await world.models.ScrapeClaim.findById(writer.userId).lean()).toMatchObject({
      workerId: 'b',
      runId: 'b-run',
    });
    await world.models.ScrapeClaim.deleteOne({ _id: writer.userId });
  });
});

describe('a worker killed mid-write', () => {
  it('leaves data the next run completes: the month it wrote counts once, the request is answered', async () => {
    const writer = await addWriter(world, { username: 'halfway', posts: 4 });
    await runCycle(world.context(), { username: 'halfway' });
    const first = await readStatsMonth(world.models, writer.userId, '2026-11');
    world.fake.advance(60 * 60_000);
    for (const postId of writer.postIds) world.fake.setViews(postId, 500);
    await requestScrape(world.models, writer.userId, world.fake.now());

    // This worker's process stops (kill -9) right after its month write: its status write, and
    // everything after it, never reaches the database.
    const frozen = new Proxy(world.models.User, {
      get: (target, property, receiver) =>
        property === 'updateOne'
          ? () => new Promise(() => {})
          : Reflect.get(target, property, receiver),
    });
    const killed = { ...world.models, User: frozen };
    void runCycle(
      world.context({ models: killed, workerId: 'killed', heartbeat: manualHeartbeat().heartbeat }),
      { username: 'halfway' },
    );
    await vi.waitFor(
      async () => {
        const month = await readStatsMonth(world.models, writer.userId, '2026-11');
        expect(Object.values(month?.posts ?? {}).map((post) => post.v)).toEqual([
          500, 500, 500, 500,
        ]);
      },
      { timeout: 20_000, interval: 20 },
    );
    const written = await readStatsMonth(world.models, writer.userId, '2026-11');
    const stranded = await world.models.User.findById(writer.userId).lean();
    expect(stranded?.scrape?.requestedAt).not.toBeNull();

    world.fake.advance(TTL_MS + 1_000);
    const rerun = await runCycle(world.context({ workerId: 'next' }), { username: 'halfway' });
    expect(rerun.takeovers).toEqual([{ userId: writer.userId, fromWorkerId: 'killed' }]);
    expect(rerun.reports.map((report) => report.outcome)).toEqual(['ok']);
    const month = await readStatsMonth(world.models, writer.userId, '2026-11');
    // Nothing changed on velog since the killed write: the rerun adds no views and no day.
    expect(month?.days).toEqual(written?.days);
    const gained = Object.values(month?.days ?? {}).flatMap((day) => Object.values(day.v));
    expect(gained.every((views) => views >= 0)).toBe(true);
    expect(Object.keys(month?.days ?? {})).toEqual(Object.keys(first?.days ?? {}));
    const answered = await world.models.User.findById(writer.userId).lean();
    expect(answered?.scrape?.requestedAt).toBeNull();
    expect(answered?.scrape?.lastOutcome).toBe('ok');
  });
});

describe('a refresh request', () => {
  it('stays pending through a failed run, keeping the writer due, and is answered by the next good one', async () => {
    const writer = await addWriter(world, { username: 'asking', posts: 3 });
    await runCycle(world.context(), { username: 'asking' });
    const requestedAt = world.fake.now();
    await requestScrape(world.models, writer.userId, requestedAt);
    const down = world.fake.injectFault({
      operation: 'currentUser',
      kind: 'http-error',
      status: 503,
    });
    const failed = await runCycle(world.context(), { username: 'asking' });
    world.fake.clearFaults(down);
    expect(failed.reports.map((report) => report.outcome)).toEqual(['failed']);
    const pending = await world.models.User.findById(writer.userId).lean();
    expect(pending?.scrape?.requestedAt).toEqual(requestedAt);
    expect(pending?.scrape?.dueAt).toEqual(ALWAYS_DUE);
    expect(pending?.scrape?.lastOutcome).toBe('failed');

    const answered = await runCycle(world.context(), { username: 'asking' });
    expect(answered.reports.map((report) => report.outcome)).toEqual(['ok']);
    const done = await world.models.User.findById(writer.userId).lean();
    expect(done?.scrape?.requestedAt).toBeNull();
    expect(done?.scrape?.dueAt?.getTime()).toBeGreaterThan(world.fake.now().getTime());
  });
});
