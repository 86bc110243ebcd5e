import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningFerretDb, startFerretDb } from '@velog-insights/embedded-db';
import type { KstMonth } from '@velog-insights/shared';
import { readStatsMonth } from '@velog-insights/store';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runWorker, untilVelogSees, workerEnv } from './run-worker.js';
import { addWriter, startWorld, type World } from './world.js';

// A database server of this file's own, since the test stops it: the run's shared one stays up.
const DB_NAME = 'outage';
let dataDir: string;
let ferret: RunningFerretDb;
let connection: Connection;
let world: World;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'velog-insights-worker-outage-'));
  ferret = await startFerretDb({ dataDir });
  connection = await mongoose.createConnection(ferret.uri, { dbName: DB_NAME }).asPromise();
  world = await startWorld(connection);
}, 90_000);

afterAll(async () => {
  await world?.close();
  await connection?.close().catch(() => {});
  await ferret?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the database stopping mid-run', () => {
  it('makes worker once exit 1 saying so, loses nothing stored, and the next run completes', async () => {
    const alice = await addWriter(world, { username: 'alice', posts: 5 });
    const env = workerEnv(
      world.fake,
      { uri: ferret.uri, dbName: DB_NAME },
      {
        LEASE_TTL_SECONDS: '2',
      },
    );
    expect((await runWorker(['once'], env)).code).toBe(0);
    // The CLI runs on the real clock: whatever month that is, it is alice's only one.
    const months = () => world.models.StatsMonth.find({ userId: alice.userId }).lean();
    const stored = await months();
    expect(stored).toHaveLength(1);

    // More views: the forced run would have something to write.
    for (const postId of alice.postIds) world.fake.setViews(postId, 1_000);
    const hold = world.fake.injectFault({ operation: 'posts', kind: 'hold', times: 1 });
    world.fake.resetJournal();
    const cut = await runWorker(['once', '--force'], env, () => {
      void untilVelogSees(world.fake, 'posts').then(async () => {
        await ferret.stop();
        world.fake.clearFaults(hold);
      });
    });
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/^alice: failed \(database-unavailable: /m);
    expect(cut.stdout).toMatch(/^stopped: the database does not answer/m);

    ferret = await startFerretDb({ dataDir, port: ferret.port });
    // This process's own connection finds the server again by itself.
    await vi.waitFor(months, { timeout: 60_000, interval: 100 });
    expect(await months()).toEqual(stored);

    // The cut-off run's lease was never released: it runs out by itself.
    const lease = await world.models.ScrapeClaim.findById(alice.userId).lean();
    const wait = (lease?.expiresAt.getTime() ?? 0) - Date.now() + 50;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    const next = await runWorker(['once', '--force'], env);
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/^alice: ok/m);
    const month = await readStatsMonth(world.models, alice.userId, stored[0]?.month as KstMonth);
    expect(Object.values(month?.posts ?? {}).map((post) => post.v)).toEqual(Array(5).fill(1_000));
    expect(await world.models.ScrapeClaim.countDocuments()).toBe(0);
  }, 180_000);
});
