import { randomBytes, randomUUID } from 'node:crypto';
import {
  encryptTokenPair,
  findDueWriters,
  generateTokenKey,
  markDueBy,
  parseTokenKey,
  prepareStore,
  readWake,
  storeModels,
  type TokenKey,
  type UserDoc,
} from '@velog-insights/store';
import { createVelogClient } from '@velog-insights/velog';
import { cycleContextFromConfig, loadWorkerEnv, runCycle } from '@velog-insights/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { summarise, timed } from './stats.js';

export const TICK_SETUP = {
  writers: 100_000,
  postsPerWriter: 1,
  intervalMinutes: 30,
  batch: 1_000,
  runs: 9,
  /** The due query, the woken tick and the full read each scan every writer on FerretDB. */
  scanRuns: 5,
} as const;

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

export interface TickBench {
  writers: number;
  insertMs: number;
  /** A stored writer, encrypted tokens included. */
  userDocBytes: number;
  /** A tick the wake document sends back to sleep: the every-minute case. */
  idleTick: Timing & { commands: number };
  /** A tick the wake document lets through although nobody is due (its cap, every 15 min). */
  wokenTick: Timing & { commands: number };
  /** The due query alone (`findDueWriters`), as the woken tick runs it. */
  dueQuery: Timing & { found: number };
  /** What every tick did before: `User.find({ isDemo: false })` with the cycle's old fields. */
  fullRead: Timing & { documents: number };
}

// velog's tokens are JWTs of about this length; their ciphertext is what makes a user large.
const ACCESS_TOKEN_CHARS = 380;
const REFRESH_TOKEN_CHARS = 360;
const OLD_CYCLE_FIELDS = { tokens: 1, authStatus: 1, isDemo: 1, scrape: 1, username: 1 } as const;

const jwtLike = (chars: number) =>
  `eyJ${randomBytes(chars)
    .toString('base64url')
    .slice(0, chars - 3)}`;

/** A writer signed in a month ago and scraped in the last 25 minutes: not due. */
function scrapedWriter(index: number, now: Date, key: TokenKey): UserDoc {
  const startedAt = new Date(now.getTime() - ((index % 25) + 1) * 60_000);
  const nextDueAt = new Date(startedAt.getTime() + TICK_SETUP.intervalMinutes * 60_000);
  const signedIn = new Date(now.getTime() - 30 * 86_400_000);
  return {
    _id: randomUUID(),
    username: `writer-${index}`,
    displayName: `Writer ${index}`,
    thumbnail: `https://velog.velcdn.com/images/writer-${index}/profile/${randomUUID()}/image.png`,
    isDemo: false,
    authStatus: 'active',
    tokens: encryptTokenPair(
      { accessToken: jwtLike(ACCESS_TOKEN_CHARS), refreshToken: jwtLike(REFRESH_TOKEN_CHARS) },
      key,
      signedIn,
    ),
    scrape: {
      lastStartedAt: startedAt,
      lastFinishedAt: new Date(startedAt.getTime() + 4_000),
      lastOutcome: 'ok',
      nextDueAt,
      runCount: 1_440,
      requestedAt: null,
      dueAt: nextDueAt,
      firstSnapshotDay: '2026-11-01',
    },
    createdAt: signedIn,
    updatedAt: signedIn,
  };
}

/** The writer's one post, as writer-posts.ts packs it. */
function onePost(userId: string, index: number, now: Date) {
  const released = new Date(now.getTime() - (index + 1) * 3_600_000).toISOString();
  const postId = randomUUID();
  const details = {
    title: `Post of writer ${index}`,
    urlSlug: `post-${index}`,
    tags: ['typescript'],
    releasedAt: released,
    updatedAt: released,
    isPrivate: false,
    commentsCount: index % 4,
  };
  return { _id: userId, base: JSON.stringify({ [postId]: details }) };
}

async function sample<T>(
  runs: number,
  work: () => Promise<T>,
  /** Untimed, before each run. */
  prepare?: () => Promise<void>,
): Promise<Timing & { last: T }> {
  const samples: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run += 1) {
    await prepare?.();
    const { ms, result } = await timed(work);
    samples.push(ms);
    last = result;
  }
  return { ...summarise(samples), last: last as T };
}

/**
 * The every-minute tick on a hosted instance: 100,000 writers, none due. Times the tick the
 * wake document ends after one read, the tick it lets through at its 15-minute cap, the due
 * query alone, and the full read every tick used to make.
 */
export async function benchTick(uri: string): Promise<TickBench> {
  const connection = await mongoose
    .createConnection(uri, {
      dbName: `bench_tick_${randomBytes(4).toString('hex')}`,
      monitorCommands: true,
    })
    .asPromise();
  let commands = 0;
  connection.getClient().on('commandStarted', () => {
    commands += 1;
  });
  const keyHex = generateTokenKey();
  const key = parseTokenKey(keyHex);
  const now = new Date();
  const config = loadWorkerEnv({
    MONGODB_URI: uri,
    TOKEN_ENCRYPTION_KEY: keyHex,
    // Nobody is due, so no request is sent; an address that would refuse one.
    VELOG_V3_URL: 'http://127.0.0.1:9/graphql',
    VELOG_STATS_URL: 'http://127.0.0.1:9/graphql',
    SCRAPE_INTERVAL_MINUTES: String(TICK_SETUP.intervalMinutes),
    WORKER_ID: 'bench-tick',
  });
  const client = createVelogClient(config.velog);
  try {
    await prepareStore(connection);
    const models = storeModels(connection);
    await Promise.all(Object.values(models).map((model) => model.init()));
    const inserted = await timed(async () => {
      for (let from = 0; from < TICK_SETUP.writers; from += TICK_SETUP.batch) {
        const users = Array.from({ length: TICK_SETUP.batch }, (_, offset) =>
          scrapedWriter(from + offset, now, key),
        );
        await models.User.collection.insertMany(users as never[]);
        await models.WriterPosts.collection.insertMany(
          users.map((user, offset) => onePost(user._id, from + offset, now)) as never[],
        );
      }
    });
    const context = cycleContextFromConfig(config, {
      models,
      client,
      logger: pino({ level: 'silent' }),
      now: () => now,
    });
    const tick = async () => {
      commands = 0;
      const cycle = await runCycle(context);
      if (cycle.reports.length > 0) throw new Error('benchTick: a writer was due');
      return commands;
    };

    // The first tick finds no wake document, queries, and stores the earliest due time.
    await tick();
    if (((await readWake(models))?.at ?? now) <= now) throw new Error('benchTick: still awake');
    const idle = await sample(TICK_SETUP.runs, tick);
    const woken = await sample(TICK_SETUP.scanRuns, tick, () => markDueBy(models, now));
    const due = await sample(TICK_SETUP.scanRuns, () => findDueWriters(models, now));
    const full = await sample(TICK_SETUP.scanRuns, () =>
      models.User.find({ isDemo: false }).select(OLD_CYCLE_FIELDS).lean(),
    );
    const stored = await models.User.collection.findOne({});
    const { last: idleCommands, ...idleTiming } = idle;
    const { last: wokenCommands, ...wokenTiming } = woken;
    const { last: dueFound, ...dueTiming } = due;
    const { last: fullDocs, ...fullTiming } = full;
    return {
      writers: TICK_SETUP.writers,
      insertMs: inserted.ms,
      userDocBytes: mongoose.mongo.BSON.calculateObjectSize(stored ?? {}),
      idleTick: { ...idleTiming, commands: idleCommands },
      wokenTick: { ...wokenTiming, commands: wokenCommands },
      dueQuery: { ...dueTiming, found: dueFound.due.length },
      fullRead: { ...fullTiming, documents: fullDocs.length },
    };
  } finally {
    await client.close();
    await connection.dropDatabase();
    await connection.close();
  }
}
