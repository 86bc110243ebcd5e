import { randomBytes } from 'node:crypto';
import {
  generateTokenKey,
  prepareStore,
  saveUserLogin,
  storeModels,
  type TokenKey,
} from '@velog-insights/store';
import { createVelogClient } from '@velog-insights/velog';
import { type JournalEntry, startVelogFake, type VelogFake } from '@velog-insights/velog-fake';
import { cycleContextFromConfig, loadWorkerEnv, runCycle } from '@velog-insights/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { timed } from './stats.js';

/** Issue 10's fleet: many writers, velog-like latency, one polite global bound. */
export const FLEET = { writers: 200, posts: 100, latencyMs: 50, concurrency: 8 } as const;

export type ViewsMode = 'auto' | 'never';

export interface CycleFigures {
  ms: number;
  requests: number;
  /** requests × latency ÷ concurrency: no worker can be faster than this. */
  boundMs: number;
  ratio: number;
  maxInFlight: number;
  perWriter: { min: number; max: number };
  okWriters: number;
  dataWrites: number;
  /** Where the time beyond the bound went. */
  beyond: {
    /** Mean time a request took as the worker saw it at the fake (latency + serving). */
    meanRequestMs: number;
    /** Share of the wall time with the pipe full (all `concurrency` slots busy). */
    fullShare: number;
    /** Before the first request and after the last: claims, reads, the last writes. */
    headMs: number;
    tailMs: number;
    /** Time the database spent answering, summed over commands (they overlap requests). */
    databaseMs: number;
    /** The costliest commands, as `command:collection`, by their summed time. */
    commands: { kind: string; count: number; meanMs: number; totalMs: number }[];
  };
}

export interface FleetBench {
  mode: ViewsMode;
  writers: number;
  posts: number;
  userConcurrency: number;
  perUserConcurrency: number;
  first: CycleFigures;
  unchanged: CycleFigures;
  changed: CycleFigures;
}

const DATA_COLLECTIONS = new Set(['stats_months', 'writer_posts']);
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);

/** Whose request an entry was, from the access token it carried. */
function requestsPerWriter(fake: VelogFake, entries: readonly JournalEntry[]): number[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const token = entry.cookies.access_token;
    const userId = token ? String(fake.verifyToken(token)?.user_id ?? 'anonymous') : 'anonymous';
    counts.set(userId, (counts.get(userId) ?? 0) + 1);
  }
  return [...counts.values()];
}

/** How long all `slots` were busy at once, from the journal's wall-clock spans. */
function fullPipeMs(entries: readonly JournalEntry[], slots: number): number {
  const edges: [number, number][] = [];
  for (const entry of entries) {
    if (entry.wallEndedAt === null) continue;
    edges.push([entry.wallStartedAt, 1], [entry.wallEndedAt, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0;
  let full = 0;
  let since = 0;
  for (const [at, step] of edges) {
    if (inFlight >= slots) full += at - since;
    inFlight += step;
    since = at;
  }
  return full;
}

/**
 * `writers` × `posts` on the fake velog with FLEET's latency, scraped by the worker's own
 * defaults apart from the global bound: a first scrape, an unchanged re-scrape, and a day
 * with 5 % of the posts read again. Each cycle is measured against the latency bound.
 */
export async function benchFleet(
  uri: string,
  options: { mode: ViewsMode; writers?: number; posts?: number; userConcurrency?: number },
): Promise<FleetBench> {
  const writers = options.writers ?? FLEET.writers;
  const posts = options.posts ?? FLEET.posts;
  const connection = await mongoose
    .createConnection(uri, {
      dbName: `bench_fleet_${randomBytes(4).toString('hex')}`,
      monitorCommands: true,
    })
    .asPromise();
  const writes: string[] = [];
  const started = new Map<number, number>();
  let databaseMs = 0;
  const driver = connection.getClient();
  const byKind = new Map<string, { count: number; ms: number }>();
  const kinds = new Map<number, string>();
  driver.on('commandStarted', (event) => {
    started.set(event.requestId, performance.now());
    kinds.set(event.requestId, `${event.commandName}:${String(event.command[event.commandName])}`);
    if (WRITE_COMMANDS.has(event.commandName)) {
      writes.push(String(event.command[event.commandName]));
    }
  });
  const finished = (event: { requestId: number }) => {
    const at = started.get(event.requestId);
    if (at !== undefined) {
      databaseMs += performance.now() - at;
      const kind = kinds.get(event.requestId) ?? '?';
      const entry = byKind.get(kind) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - at;
      byKind.set(kind, entry);
    }
    started.delete(event.requestId);
  };
  driver.on('commandSucceeded', finished);
  driver.on('commandFailed', finished);

  const fake = await startVelogFake({
    now: new Date('2026-11-23T03:00:00Z'),
    viewsInPosts: options.mode === 'never' ? 'never' : 'everyone',
  });
  const key = generateTokenKey();
  const config = loadWorkerEnv({
    MONGODB_URI: uri,
    TOKEN_ENCRYPTION_KEY: key,
    VELOG_V3_URL: fake.urls.v3,
    VELOG_STATS_URL: fake.urls.v2,
    VELOG_CONCURRENCY: String(FLEET.concurrency),
    VELOG_LISTING_VIEWS: options.mode,
    DEMO_ENABLED: 'false',
    ...(options.userConcurrency
      ? { SCRAPE_USER_CONCURRENCY: String(options.userConcurrency) }
      : {}),
  });
  const client = createVelogClient(config.velog);
  try {
    for (const endpoint of ['v3', 'v2'] as const) {
      fake.setLatency(endpoint, { baseMs: FLEET.latencyMs });
    }
    await prepareStore(connection);
    const models = storeModels(connection);
    const postIds = await seedFleet(fake, models, config.tokenKeys.current, writers, posts);
    const context = cycleContextFromConfig(config, {
      models,
      client,
      logger: pino({ level: 'silent' }),
      now: () => fake.now(),
    });

    const measure = async (): Promise<CycleFigures> => {
      fake.resetJournal();
      writes.length = 0;
      databaseMs = 0;
      byKind.clear();
      const wallStart = Date.now();
      const run = await timed(() => runCycle(context, { force: true }));
      const wallEnd = Date.now();
      const entries = fake.journal();
      const requests = entries.length;
      const boundMs = (requests * FLEET.latencyMs) / FLEET.concurrency;
      const perWriter = requestsPerWriter(fake, entries);
      const firstStart = Math.min(...entries.map((entry) => entry.wallStartedAt));
      const lastEnd = Math.max(...entries.map((entry) => entry.wallEndedAt ?? 0));
      const spans = entries.map(
        (entry) => (entry.wallEndedAt ?? entry.wallStartedAt) - entry.wallStartedAt,
      );
      return {
        ms: run.ms,
        requests,
        boundMs,
        ratio: run.ms / boundMs,
        maxInFlight: fake.maxInFlight(),
        perWriter: { min: Math.min(...perWriter), max: Math.max(...perWriter) },
        okWriters: run.result.reports.filter((report) => report.outcome === 'ok').length,
        dataWrites: writes.filter((collection) => DATA_COLLECTIONS.has(collection)).length,
        beyond: {
          meanRequestMs: spans.reduce((sum, span) => sum + span, 0) / Math.max(1, spans.length),
          fullShare: fullPipeMs(entries, FLEET.concurrency) / Math.max(1, lastEnd - firstStart),
          headMs: Math.max(0, firstStart - wallStart),
          tailMs: Math.max(0, wallEnd - lastEnd),
          databaseMs,
          commands: [...byKind]
            .map(([kind, { count, ms }]) => ({ kind, count, meanMs: ms / count, totalMs: ms }))
            .sort((a, b) => b.totalMs - a.totalMs)
            .slice(0, 6),
        },
      };
    };

    const first = await measure();
    // The first day's second reading measures what every baseline gained: not "unchanged".
    fake.advance(60_000);
    await runCycle(context, { force: true });
    fake.advance(60_000);
    const unchanged = await measure();
    fake.advance(60_000);
    for (const [index, postId] of postIds.entries()) {
      if (index % 20 === 7) fake.addReads(postId, 3);
    }
    const changed = await measure();
    return {
      mode: options.mode,
      writers,
      posts,
      userConcurrency: config.userConcurrency,
      perUserConcurrency: config.velog.perUserConcurrency,
      first,
      unchanged,
      changed,
    };
  } finally {
    await client.close();
    await fake.close();
    await connection.dropDatabase();
    await connection.close();
  }
}

/**
 * Writers with posts an hour apart, except one released_at tie that straddles the first page
 * boundary (the trap issue 10 is about), each signed in through us.
 */
async function seedFleet(
  fake: VelogFake,
  models: ReturnType<typeof storeModels>,
  key: TokenKey,
  writers: number,
  posts: number,
): Promise<string[]> {
  const postIds: string[] = [];
  const now = fake.now().getTime();
  for (let writer = 0; writer < writers; writer += 1) {
    const { id, username } = fake.addUser({ username: `writer-${writer}` });
    for (let post = 0; post < posts; post += 1) {
      const hoursAgo = post === 50 ? 50 : post + 1;
      const added = fake.addPost({
        userId: id,
        title: `Post ${post}`,
        releasedAt: new Date(now - hoursAgo * 3_600_000),
        status: post % 10 === 3 ? 'private' : 'published',
        views: 100 + post * 7,
        likes: post % 13,
      });
      postIds.push(added.id);
    }
    await saveUserLogin(models, {
      profile: { velogUserId: id, username, displayName: username, thumbnail: null },
      tokens: fake.mintTokens(id, { accessTtlSeconds: 24 * 3600 }),
      key,
      now: fake.now(),
    });
  }
  return postIds;
}

export interface PointWrites {
  documents: number;
  documentBytes: number;
  /** Median ms of 20 of each, on the one collection, all by `_id`. */
  findMs: number;
  insertMs: number;
  updateMs: number;
}

/**
 * What a single-document write by `_id` costs against a read of the same document, on a
 * collection of many documents: the figure that explains where a cycle's time goes.
 */
export async function benchPointWrites(uri: string): Promise<PointWrites> {
  const documents = 20_000;
  const documentBytes = 1_500;
  const connection = await mongoose
    .createConnection(uri, { dbName: `bench_points_${randomBytes(4).toString('hex')}` })
    .asPromise();
  try {
    const collection = connection.collection<{ _id: string; n: number; pad: string }>('points');
    for (let from = 0; from < documents; from += 1_000) {
      await collection.insertMany(
        Array.from({ length: 1_000 }, (_, i) => ({
          _id: `doc-${from + i}`,
          n: from + i,
          pad: 'x'.repeat(documentBytes),
        })),
      );
    }
    const median = async (work: (i: number) => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const started = performance.now();
        await work(i);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[10] as number;
    };
    return {
      documents,
      documentBytes,
      findMs: await median((i) => collection.findOne({ _id: `doc-${i * 997}` })),
      insertMs: await median((i) => collection.insertOne({ _id: `new-${i}`, n: i, pad: '' })),
      updateMs: await median((i) =>
        collection.updateOne({ _id: `doc-${i * 997}` }, { $set: { n: -i } }),
      ),
    };
  } finally {
    await connection.dropDatabase();
    await connection.close();
  }
}
