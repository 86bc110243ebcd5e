import { createHash, randomBytes } from 'node:crypto';
import { createApp, defaultAppConfig, SESSION_COOKIE, sessionModel } from '@velog-insights/api';
import { addKstDays, type KstDate, kstDayRange } from '@velog-insights/shared';
import {
  generateTokenKey,
  monthCache,
  parseTokenKey,
  prepareStore,
  recordScrape,
  storeModels,
  writePostDetails,
  writeStatsMonth,
} from '@velog-insights/store';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { buildBigWriter, postId } from './big-writer.js';
import { quantile, summarise, timed } from './stats.js';

export const BIG_WRITER = { posts: 1_000, days: 1_095, sizeCheckPosts: 2_000 } as const;

export interface RouteTiming {
  path: string;
  median: number;
  p95: number;
  runs: number;
  /** Median time to the response's first bytes (a streamed export starts long before it ends). */
  firstByteMs: number;
  /** The first request, with no earlier month in the process's cache. */
  coldMs: number;
  /** Documents the route asked the database for (with the cache warm), by collection. */
  reads: Record<string, number>;
  bytes: number;
}

export interface BigWriterBench {
  buildMs: number;
  monthDocs: number;
  largestMonthKiB: number;
  largestMonthKiBAt2000: number;
  timings: RouteTiming[];
  writes: {
    unchanged: { data: number; commands: number };
    fivePercent: { data: number; paths: number };
    newDay: { data: number };
  };
}

const RUNS = 20;
const DATA = new Set(['stats_months', 'writer_posts']);

/**
 * One writer with 1,000 posts and three years of daily history: the dashboard's routes
 * through the real app, with the documents each reads, and what a scrape writes at that size.
 */
export async function benchBigWriter(uri: string, lastDay: KstDate): Promise<BigWriterBench> {
  const userId = 'bench-big';
  const connection = await mongoose
    .createConnection(uri, {
      dbName: `bench_big_${randomBytes(4).toString('hex')}`,
      monitorCommands: true,
    })
    .asPromise();
  const commands: { name: string; collection: string; command: Record<string, unknown> }[] = [];
  connection.getClient().on('commandStarted', (event) => {
    commands.push({
      name: event.commandName,
      collection: String(event.command[event.commandName]),
      command: event.command,
    });
  });
  try {
    await prepareStore(connection);
    const models = storeModels(connection);
    const built = await timed(async () =>
      buildBigWriter({ userId, posts: BIG_WRITER.posts, days: BIG_WRITER.days, lastDay }),
    );
    const writer = built.result;
    for (const month of writer.months) await writeStatsMonth(models, null, month);
    await writePostDetails(models, userId, writer.details);
    const now = new Date(kstDayRange(lastDay).end.getTime() - 5 * 60_000);
    await models.User.collection.insertOne({
      _id: userId,
      username: 'bench-big',
      displayName: 'Bench',
      thumbnail: null,
      isDemo: false,
      authStatus: 'active',
      tokens: null,
      scrape: { lastFinishedAt: now, lastOutcome: 'ok', firstSnapshotDay: writer.months[0]?.last },
      createdAt: now,
      updatedAt: now,
    } as never);
    const sessionId = randomBytes(32).toString('base64url');
    await sessionModel(connection).create({
      _id: createHash('sha256').update(sessionId).digest('hex'),
      userId,
      isDemo: false,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
    const app = createApp({
      connection,
      velog: null,
      now: () => now,
      logger: pino({ level: 'silent' }),
      config: defaultAppConfig({ tokenKey: parseTokenKey(generateTokenKey()) }),
    });
    const cookie = `${SESSION_COOKIE}=${sessionId}`;
    const from = (days: number) => addKstDays(lastDay, -(days - 1));
    const paths = [
      '/api/summary',
      `/api/stats/daily?from=${from(365)}`,
      `/api/posts?from=${from(30)}&sort=periodViews`,
      `/api/posts?from=${from(365)}&sort=periodViews`,
      `/api/posts/${postId(10)}/daily?from=${from(365)}`,
      `/api/export?from=${from(365)}&format=csv`,
    ];
    const timings: RouteTiming[] = [];
    for (const path of paths) {
      const samples: number[] = [];
      let reads: Record<string, number> = {};
      let bytes = 0;
      let coldMs = 0;
      const firstBytes: number[] = [];
      for (let run = 0; run <= RUNS; run += 1) {
        if (run === 0) monthCache(models).clear();
        commands.length = 0;
        const started = performance.now();
        const { ms, result } = await timed(async () => {
          const response = await app.request(`http://localhost${path}`, { headers: { cookie } });
          // Read as a browser would: the first bytes, then the rest of the stream.
          const reader = (response.body as ReadableStream<Uint8Array>).getReader();
          bytes = 0;
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
            if (bytes === 0) firstBytes.push(performance.now() - started);
            bytes += chunk.value.byteLength;
          }
          return response.status;
        });
        if (result !== 200) throw new Error(`${path} answered ${result}`);
        if (run === 0) {
          coldMs = ms;
          continue;
        }
        samples.push(ms);
        reads = {};
        for (const command of commands) {
          if (command.name !== 'find') continue;
          reads[command.collection] = (reads[command.collection] ?? 0) + 1;
        }
      }
      timings.push({
        path,
        ...summarise(samples),
        coldMs,
        firstByteMs: quantile(firstBytes.slice(1), 0.5),
        reads,
        bytes,
      });
    }

    const dataCommands = () =>
      commands.filter(
        (c) => ['insert', 'update', 'delete'].includes(c.name) && DATA.has(c.collection),
      );
    const scrapeAt = (at: Date, readings = writer.lastReadings) =>
      recordScrape(models, { userId, takenAt: at, readings, details: writer.details });

    commands.length = 0;
    await scrapeAt(new Date(now.getTime() + 60_000));
    const unchanged = { data: dataCommands().length, commands: commands.length };

    commands.length = 0;
    const changed = writer.lastReadings.map((reading, index) =>
      index % 20 === 0 ? { ...reading, views: (reading.views ?? 0) + 3 } : reading,
    );
    await scrapeAt(new Date(now.getTime() + 120_000), changed);
    const updates = dataCommands();
    const update = (updates[0]?.command.updates as { u: Record<string, object> }[] | undefined)?.[0]
      ?.u;
    const fivePercent = {
      data: updates.length,
      paths: Object.keys(update?.$set ?? {}).length + Object.keys(update?.$unset ?? {}).length,
    };

    commands.length = 0;
    await scrapeAt(new Date(now.getTime() + 30 * 60_000), changed);
    const newDay = { data: dataCommands().length };

    const sizes = writer.months.map((month) =>
      mongoose.mongo.BSON.calculateObjectSize(month as never),
    );
    return {
      buildMs: built.ms,
      monthDocs: writer.months.length,
      largestMonthKiB: Math.max(...sizes) / 1024,
      largestMonthKiBAt2000: largestMonthAt(BIG_WRITER.sizeCheckPosts, lastDay),
      timings,
      writes: { unchanged, fivePercent, newDay },
    };
  } finally {
    await connection.dropDatabase();
    await connection.close();
  }
}

/** The largest month of a writer with `posts` posts nearly all of which gain every day. */
function largestMonthAt(posts: number, lastDay: KstDate): number {
  const writer = buildBigWriter({ userId: 'size-check', posts, days: 62, lastDay });
  return (
    Math.max(...writer.months.map((m) => mongoose.mongo.BSON.calculateObjectSize(m as never))) /
    1024
  );
}
