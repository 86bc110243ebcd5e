import { randomBytes } from 'node:crypto';
import {
  generateTokenKey,
  parseTokenKey,
  prepareStore,
  saveUserLogin,
  storeModels,
} from '@velog-insights/store';
import { createVelogClient } from '@velog-insights/velog';
import { startVelogFake } from '@velog-insights/velog-fake';
import { type CycleContext, runCycle } from '@velog-insights/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { timed } from './stats.js';

export const SCRAPE_SETUP = {
  writers: 10,
  postsPerWriter: 137,
  latencyMs: 30,
  jitterMs: 20,
  concurrency: 4,
  perUserConcurrency: 2,
  userConcurrency: 2,
} as const;

export interface ScrapeBench {
  oneWriter: { ms: number; requests: number };
  firstCycle: { ms: number; requests: number; maxInFlight: number; outcomes: string };
  unchangedCycle: {
    ms: number;
    requests: number;
    dataWrites: number;
    bookkeepingWrites: number;
    /** Data writes of the cycle before it: the first day's second reading. */
    secondReadingWrites: number;
  };
  rssMiB: number;
}

const DATA_COLLECTIONS = new Set(['stats_months', 'writer_posts']);
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);

/**
 * Ten writers of 137 posts each against the fake with velog-like latency: how long a worker
 * takes, how many requests it sends, how many are ever in flight, and what an unchanged
 * re-scrape writes (it should write no data at all).
 */
export async function benchScrape(uri: string): Promise<ScrapeBench> {
  const connection = await mongoose
    .createConnection(uri, {
      dbName: `bench_scrape_${randomBytes(4).toString('hex')}`,
      monitorCommands: true,
    })
    .asPromise();
  const writes: string[] = [];
  connection.getClient().on('commandStarted', (event) => {
    if (WRITE_COMMANDS.has(event.commandName))
      writes.push(String(event.command[event.commandName]));
  });
  const fake = await startVelogFake({ now: new Date('2026-11-23T03:00:00Z') });
  const client = createVelogClient({
    v3Url: fake.urls.v3,
    statsUrl: fake.urls.v2,
    concurrency: SCRAPE_SETUP.concurrency,
    perUserConcurrency: SCRAPE_SETUP.perUserConcurrency,
  });
  try {
    for (const endpoint of ['v3', 'v2'] as const) {
      fake.setLatency(endpoint, {
        baseMs: SCRAPE_SETUP.latencyMs,
        jitterMs: SCRAPE_SETUP.jitterMs,
      });
    }
    await prepareStore(connection);
    const models = storeModels(connection);
    const key = parseTokenKey(generateTokenKey());
    for (let writer = 0; writer < SCRAPE_SETUP.writers; writer += 1) {
      const { id, username } = fake.addUser({ username: `writer-${writer}` });
      for (let post = 0; post < SCRAPE_SETUP.postsPerWriter; post += 1) {
        fake.addPost({
          userId: id,
          title: `Post ${post}`,
          releasedAt: new Date(fake.now().getTime() - (post + 1) * 3_600_000),
          status: post % 10 === 3 ? 'private' : 'published',
          views: 100 + post * 7,
          likes: post % 13,
        });
      }
      const tokens = fake.mintTokens(id, { accessTtlSeconds: 24 * 3600 });
      await saveUserLogin(models, {
        profile: { velogUserId: id, username, displayName: username, thumbnail: null },
        tokens,
        key,
        now: fake.now(),
      });
    }
    const context: CycleContext = {
      models,
      client,
      tokenKeys: { current: key, all: [key] },
      now: () => fake.now(),
      workerId: 'bench',
      intervalMinutes: 30,
      trustListingViews: false,
      logger: pino({ level: 'silent' }),
      claimTtlMs: 15 * 60_000,
      userConcurrency: SCRAPE_SETUP.userConcurrency,
    };

    const one = await timed(() => runCycle(context, { force: true, username: 'writer-0' }));
    const oneRequests = fake.journal().length;

    fake.resetJournal();
    fake.advance(60_000);
    const first = await timed(() => runCycle(context, { force: true }));
    const firstRequests = fake.journal().length;
    const maxInFlight = fake.maxInFlight();
    const outcomes = first.result.reports.map((report) => report.outcome);

    // The second reading of a writer's first day measures what its baselines gained since:
    // one month write per writer that had not been read twice yet, even with no counter moved.
    fake.advance(60_000);
    writes.length = 0;
    await runCycle(context, { force: true });
    const secondReadingWrites = writes.filter((c) => DATA_COLLECTIONS.has(c)).length;

    fake.resetJournal();
    fake.advance(60_000);
    writes.length = 0;
    const again = await timed(() => runCycle(context, { force: true }));
    const dataWrites = writes.filter((collection) => DATA_COLLECTIONS.has(collection)).length;

    return {
      oneWriter: { ms: one.ms, requests: oneRequests },
      firstCycle: {
        ms: first.ms,
        requests: firstRequests,
        maxInFlight,
        outcomes: `${outcomes.filter((outcome) => outcome === 'ok').length}/${outcomes.length} ok`,
      },
      unchangedCycle: {
        ms: again.ms,
        requests: fake.journal().length,
        dataWrites,
        bookkeepingWrites: writes.length - dataWrites,
        secondReadingWrites,
      },
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    await client.close();
    await fake.close();
    await connection.dropDatabase();
    await connection.close();
  }
}
