import { requestScrape } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleReport } from '../src/cycle.js';
import { loadWorkerEnv, type WorkerConfig } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { startScheduler } from '../src/scheduler.js';
import { addWriter, captureLogs, startWorld, tokenKey, type World } from './world.js';

const db = useTestDatabase();
let world: World;
let config: WorkerConfig;

beforeAll(async () => {
  world = await startWorld(db.connection);
  config = loadWorkerEnv({
    MONGODB_URI: db.uri,
    TOKEN_ENCRYPTION_KEY: tokenKey.key.toString('hex'),
    VELOG_V3_URL: world.fake.urls.v3,
    VELOG_STATS_URL: world.fake.urls.v2,
    WORKER_ID: 'scheduler-test',
  });
});

afterAll(async () => {
  await world.close();
});

describe('the scheduler', () => {
  it('picks up a writer whose scrape the API requested on the next tick, and leaves the others', async () => {
    const alice = await addWriter(world, { username: 'alice', posts: 2 });
    const bob = await addWriter(world, { username: 'bob', posts: 2 });
    const cycles: CycleReport[] = [];
    const scheduler = startScheduler({
      connection: db.connection,
      config,
      logger: createLogger({ level: 'silent' }),
      now: () => world.fake.now(),
      client: world.client,
      cron: false,
      onCycle: (report) => cycles.push(report),
    });
    await scheduler.runNow();
    expect(cycles[0]?.reports.map((report) => report.username).sort()).toEqual(['alice', 'bob']);

    world.fake.advance(60_000);
    await requestScrape(world.models, bob.userId, world.fake.now());
    await scheduler.runNow();
    expect(cycles[1]?.reports.map((report) => report.userId)).toEqual([bob.userId]);

    // A forced (day-close) request made while a cycle runs is queued, not dropped.
    world.fake.advance(60_000);
    const tick = scheduler.runNow();
    const dayClose = scheduler.runNow({ force: true });
    await Promise.all([tick, dayClose]);
    expect(cycles).toHaveLength(4);
    expect(cycles[2]?.reports).toEqual([]);
    expect(cycles[3]?.reports.map((report) => report.userId).sort()).toEqual(
      [alice.userId, bob.userId].sort(),
    );
    await scheduler.stop();
    await scheduler.runNow();
    expect(cycles).toHaveLength(4);
  });

  it('with cron, runs a cycle and the demo writer at start and stops cleanly, logging one line per cycle', async () => {
    const { lines, stream } = captureLogs();
    world.fake.advance(3_600_000);
    let resolveCycle: () => void = () => {};
    const cycled = new Promise<void>((resolve) => {
      resolveCycle = resolve;
    });
    const scheduler = startScheduler({
      connection: db.connection,
      config,
      logger: createLogger({ level: 'info', destination: stream }),
      now: () => world.fake.now(),
      client: world.client,
      onCycle: () => resolveCycle(),
    });
    await cycled;
    await scheduler.stop();
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged.filter((line) => line.msg === 'cycle')).toEqual([
      expect.objectContaining({ scraped: 2, ok: 2, workerId: 'scheduler-test' }),
    ]);
    expect(logged.filter((line) => line.msg === 'user scrape')).toHaveLength(2);
    // Stopping waited for the demo's start-up refresh too.
    expect(logged.filter((line) => line.msg === 'demo data ready')).toEqual([
      expect.objectContaining({ demo: expect.objectContaining({ lastDay: expect.any(String) }) }),
    ]);
  });
});
