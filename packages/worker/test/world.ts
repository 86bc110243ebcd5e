import { Writable } from 'node:stream';
import type { GainRange, MonthIndex } from '@velog-insights/shared';
import {
  ensureStoreIndexes,
  generateTokenKey,
  parseTokenKey,
  readWriterMonths,
  type StoreModels,
  saveUserLogin,
  storeModels,
} from '@velog-insights/store';
import {
  createVelogClient,
  type PostsPageInput,
  type VelogClient,
  type VelogClientConfig,
  type VelogListedPost,
} from '@velog-insights/velog';
import { startVelogFake, type VelogFake, type VelogFakeOptions } from '@velog-insights/velog-fake';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import type { CycleContext } from '../src/cycle.js';
import { createLogger } from '../src/logger.js';
import type { ListingViewsMode } from '../src/scrape/views-source.js';

export const tokenKey = parseTokenKey(generateTokenKey());

/** Write commands per collection, as the driver's command monitoring saw them. */
export interface WriteCounter {
  writes: {
    command: string;
    collection: string;
    /** The documents the command writes (an update may only touch one per statement). */
    documents: number;
    /** For an update: the paths each statement sets or unsets. */
    paths: string[];
  }[];
  reset(): void;
  byCollection(): Record<string, Record<string, number>>;
  /** Documents written by every command seen since the last reset. */
  documents(): number;
}

const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);

/** How many documents a write command can touch, and the paths an update names. */
function describeWrite(
  name: string,
  command: Record<string, unknown>,
): { documents: number; paths: string[] } {
  if (name === 'insert') return { documents: (command.documents as unknown[]).length, paths: [] };
  if (name === 'delete') return { documents: (command.deletes as unknown[]).length, paths: [] };
  if (name === 'findAndModify') return { documents: 1, paths: [] };
  const updates = command.updates as { u: Record<string, unknown>; multi?: boolean }[];
  // A multi-document update could touch O(P) documents in one statement: none is expected.
  if (updates.some((update) => update.multi)) return { documents: Infinity, paths: [] };
  const paths = updates.flatMap((update) =>
    Object.entries(update.u).flatMap(([operator, fields]) =>
      operator.startsWith('$') ? Object.keys(fields as object) : [operator],
    ),
  );
  return { documents: updates.length, paths };
}

export async function openMonitoredConnection(
  uri: string,
  dbName: string,
): Promise<{ connection: Connection; counter: WriteCounter }> {
  const connection = await mongoose
    .createConnection(uri, { dbName, monitorCommands: true, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  const writes: WriteCounter['writes'] = [];
  connection.getClient().on('commandStarted', (event) => {
    if (!WRITE_COMMANDS.has(event.commandName)) return;
    writes.push({
      command: event.commandName,
      collection: String(event.command[event.commandName]),
      ...describeWrite(event.commandName, event.command),
    });
  });
  return {
    connection,
    counter: {
      writes,
      reset: () => {
        writes.length = 0;
      },
      byCollection: () => {
        const result: Record<string, Record<string, number>> = {};
        for (const { command, collection } of writes) {
          const entry = result[collection] ?? {};
          entry[command] = (entry[command] ?? 0) + 1;
          result[collection] = entry;
        }
        return result;
      },
      documents: () => writes.reduce((sum, write) => sum + write.documents, 0),
    },
  };
}

/** Captures log lines so tests can read them (and prove tokens never appear in them). */
export function captureLogs(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  return { lines, stream };
}

export interface World {
  fake: VelogFake;
  client: VelogClient;
  models: StoreModels;
  logs: string[];
  context(overrides?: Partial<CycleContext>): CycleContext;
  close(): Promise<void>;
}

export async function startWorld(
  connection: Connection,
  options: {
    fake?: VelogFakeOptions;
    client?: Partial<VelogClientConfig>;
    stats?: 'v2' | 'v2cdn';
    /** Where scrapes read views (default `auto`); `never` for tests of the getStats path. */
    listingViews?: ListingViewsMode;
  } = {},
): Promise<World> {
  const fake = await startVelogFake({ now: new Date('2026-11-22T03:00:00Z'), ...options.fake });
  const client = createVelogClient({
    v3Url: fake.urls.v3,
    statsUrl: options.stats === 'v2cdn' ? fake.urls.v2cdn : fake.urls.v2,
    timeoutMs: 2_000,
    retries: 3,
    minRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    concurrency: 4,
    perUserConcurrency: 2,
    // Tests that fail many requests on purpose would otherwise pause for the breaker's 30 s.
    breaker: false,
    ...options.client,
  });
  await ensureStoreIndexes(connection);
  const models = storeModels(connection);
  const { lines, stream } = captureLogs();
  const logger = createLogger({ level: 'info', destination: stream });
  return {
    fake,
    client,
    models,
    logs: lines,
    context: (overrides = {}) => ({
      models,
      client,
      tokenKeys: { current: tokenKey, all: [tokenKey] },
      now: () => fake.now(),
      workerId: 'test-worker',
      intervalMinutes: 30,
      listingViews: options.listingViews ?? 'auto',
      logger,
      leaseTtlMs: 60_000,
      userConcurrency: 2,
      ...overrides,
    }),
    close: async () => {
      await client.close();
      await fake.close();
    },
  };
}

/**
 * The world of one test file: started before its tests, closed after them. Its fields are read
 * through to the started world, so tests use it as they would the world itself.
 */
export function useWorld(
  db: { connection: Connection },
  options: Parameters<typeof startWorld>[1] = {},
): World {
  let started: World | null = null;
  const get = (): World => {
    if (started === null) throw new Error('the world starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    started = await startWorld(db.connection, options);
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get fake() {
      return get().fake;
    },
    get client() {
      return get().client;
    },
    get models() {
      return get().models;
    },
    get logs() {
      return get().logs;
    },
    context: (overrides) => get().context(overrides),
    close: () => get().close(),
  };
}

/** A velog writer with `posts` posts (every `privateEvery`th private), signed in through us. */
export async function addWriter(
  world: World,
  input: {
    username: string;
    posts: number;
    privateEvery?: number;
    tokenTtlSeconds?: number;
    /** Hours before now that post `index` was released (default: index + 1, newest first). */
    releasedHoursAgo?: (index: number) => number;
  },
): Promise<{
  userId: string;
  postIds: string[];
  tokens: { accessToken: string; refreshToken: string };
}> {
  const { fake, models } = world;
  const user = fake.addUser({
    username: input.username,
    displayName: input.username.toUpperCase(),
  });
  const postIds: string[] = [];
  const base = fake.now().getTime();
  for (let index = 0; index < input.posts; index += 1) {
    const { id } = fake.addPost({
      userId: user.id,
      title: `${input.username} post ${index}`,
      tags: index % 3 === 0 ? ['ts'] : [],
      releasedAt: new Date(base - (input.releasedHoursAgo?.(index) ?? index + 1) * 3_600_000),
      status: input.privateEvery && index % input.privateEvery === 0 ? 'private' : 'published',
      likes: index % 5,
      views: 10 * index,
    });
    postIds.push(id);
  }
  const tokens = fake.mintTokens(user.id, { accessTtlSeconds: input.tokenTtlSeconds ?? 24 * 3600 });
  await saveUserLogin(models, {
    profile: {
      velogUserId: user.id,
      username: user.username,
      displayName: input.username,
      thumbnail: null,
    },
    tokens,
    key: tokenKey,
    now: fake.now(),
  });
  return { userId: user.id, postIds, tokens };
}

/** A writer's months over `range`, indexed for the gain reads, as the dashboard's reads get them. */
export async function readGains(
  world: Pick<World, 'models'>,
  userId: string,
  range: GainRange,
): Promise<MonthIndex> {
  return (await readWriterMonths(world.models, userId, range, range.to)).index;
}

/** Steps of a velog session a test may act at, so it changes the world at that exact point. */
export interface SessionHooks {
  /** Run as each `posts` page request goes out. */
  beforePage?: (input: PostsPageInput) => void;
  /** Rewrites each page velog answered, as an edge in front of velog might. */
  mapPage?: (posts: VelogListedPost[]) => VelogListedPost[];
  /** Awaited after each getStats answer, before the scrape sees it. */
  afterStats?: (postId: string) => Promise<void>;
}

/** `client`, with `hooks` run by every session it opens: no timing for a test to win. */
export function hookedClient(client: VelogClient, hooks: SessionHooks): VelogClient {
  return {
    config: client.config,
    get breaker() {
      return client.breaker;
    },
    close: () => client.close(),
    openSession(tokens, options) {
      const session = client.openSession(tokens, options);
      return {
        get tokens() {
          return session.tokens;
        },
        get requests() {
          return session.requests;
        },
        currentUser: () => session.currentUser(),
        posts: async (input) => {
          hooks.beforePage?.(input);
          const page = await session.posts(input);
          return hooks.mapPage ? hooks.mapPage(page) : page;
        },
        getStats: async (postId, stats) => {
          const answer = await session.getStats(postId, stats);
          await hooks.afterStats?.(postId);
          return answer;
        },
      };
    },
  };
}
