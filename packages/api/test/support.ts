import { Writable } from 'node:stream';
import {
  type CounterReading,
  ErrorEnvelope,
  type KstDate,
  toKstDate,
} from '@velog-insights/shared';
import {
  generateTokenKey,
  type PostDetails,
  parseTokenKey,
  recordScrape,
  type StoreModels,
  storeModels,
} from '@velog-insights/store';
import type { VelogClient } from '@velog-insights/velog';
import type { Connection } from 'mongoose';
import { createApp } from '../src/app.js';
import { SESSION_COOKIE } from '../src/auth/cookie.js';
import { createSessionStore } from '../src/auth/sessions.js';
import { type AppConfig, defaultAppConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

/** A clock the test moves by hand. Starts at 12:00 KST on 2026-11-22. */
export function testClock(start = new Date('2026-11-22T03:00:00Z')) {
  let current = start;
  return {
    now: () => current,
    set(next: Date) {
      current = next;
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** Everything the app logs, as text, so a test can search it. */
export function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return defaultAppConfig({
    tokenKey: parseTokenKey(generateTokenKey()),
    loginRateLimit: { max: 5, windowMs: 60_000 },
    refreshMinIntervalMs: 60_000,
    ...overrides,
  });
}

export function buildTestApp(options: {
  connection: Connection;
  clock?: ReturnType<typeof testClock>;
  velog?: VelogClient | null;
  config?: Partial<AppConfig>;
}) {
  const clock = options.clock ?? testClock();
  const logs = captureLogs();
  const config = testConfig(options.config);
  const app = createApp({
    connection: options.connection,
    velog: options.velog ?? null,
    now: clock.now,
    logger: logs.logger,
    config,
  });
  return { app, clock, logs, config, models: storeModels(options.connection) };
}

/** The `name=value` of a Set-Cookie header, for sending back. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie');
  if (header === null) throw new Error('no Set-Cookie');
  return header.split(';')[0] as string;
}

export interface SeedPost {
  id: string;
  title: string;
  /** When velog says it was released; a post released after our previous look launched. */
  releasedAt?: Date;
  /** Its listing details were never written (the months know it, the listing did not say). */
  withoutDetails?: boolean;
  /** velog's listing calls it private (the worker reads those with the writer's tokens). */
  isPrivate?: boolean;
}

/**
 * What one scrape read of one post: cumulative `[views, likes]`, or `'gone'` when velog said it
 * was removed. A tracked post a scrape leaves out was missed (its stats could not be read).
 */
export type SeedReading = [views: number, likes: number] | 'gone';

export interface SeedScrape {
  at: Date;
  posts: Record<string, SeedReading>;
}

/** One scrape a day at 23:00 KST, from `{ day: { postId: reading } }`. */
export function atDayEnd(days: Record<string, Record<string, SeedReading>>): SeedScrape[] {
  return Object.entries(days)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, posts]) => ({ at: new Date(`${day}T14:00:00Z`), posts }));
}

/**
 * Writes a writer and their history as the worker would have left them: the user, then each
 * scrape through the store's recordScrape (the one gain rule), in order.
 */
export async function seedWriter(
  models: StoreModels,
  input: {
    userId: string;
    username: string;
    isDemo?: boolean;
    now: Date;
    posts: SeedPost[];
    scrapes: SeedScrape[];
  },
): Promise<void> {
  const { userId, now } = input;
  const scrapes = [...input.scrapes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstAt = scrapes[0]?.at ?? now;
  // Signed in before the first scrape: nothing of theirs can be older.
  const createdAt = new Date(Math.min(firstAt.getTime(), now.getTime()));
  await models.User.create({
    _id: userId,
    username: input.username,
    displayName: input.username,
    thumbnail: null,
    isDemo: input.isDemo ?? false,
    authStatus: 'active',
    tokens: null,
    scrape: {
      lastStartedAt: now,
      lastFinishedAt: now,
      lastOutcome: 'ok',
      nextDueAt: new Date(now.getTime() + 30 * 60_000),
      requestedAt: null,
      firstSnapshotDay: scrapes[0] ? toKstDate(scrapes[0].at) : null,
    },
    createdAt,
    updatedAt: now,
  });
  const posts = new Map(input.posts.map((post) => [post.id, post]));
  for (const scrape of scrapes) {
    const readings: CounterReading[] = [];
    const details: PostDetails[] = [];
    for (const [postId, reading] of Object.entries(scrape.posts)) {
      const post = posts.get(postId);
      if (post === undefined) throw new Error(`seedWriter: ${postId} is not among the posts`);
      const releasedAt = post.releasedAt ?? null;
      if (reading === 'gone') {
        readings.push({ postId, views: null, likes: null, releasedAt, gone: true });
        continue;
      }
      readings.push({ postId, views: reading[0], likes: reading[1], releasedAt });
      if (post.withoutDetails) continue;
      details.push({
        postId,
        title: post.title,
        urlSlug: post.title.toLowerCase().replaceAll(' ', '-'),
        tags: [],
        releasedAt,
        updatedAt: null,
        isPrivate: post.isPrivate ?? false,
        commentsCount: 0,
      });
    }
    await recordScrape(models, { userId, takenAt: scrape.at, readings, details, since: createdAt });
  }
}

export const kst = (value: string) => value as KstDate;

/** An env for app.request() that looks like @hono/node-server's, with a client address. */
export function fromAddress(remoteAddress: string) {
  return { incoming: { socket: { remoteAddress } } };
}

/** The `error.code` of an envelope, checked against the shared schema on the way. */
export async function errorCodeOf(response: Response): Promise<string> {
  return ErrorEnvelope.parse(await response.json()).error.code;
}

/** A JSON body for ad-hoc assertions where no shared schema describes it. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON.
export async function jsonOf(response: Response): Promise<any> {
  return response.json();
}

/** A session for `userId`, made the way login makes one, as the Cookie header that carries it. */
export async function sessionCookie(
  connection: Connection,
  now: () => Date,
  userId: string,
  ttlMs = 86_400_000,
): Promise<string> {
  const { id } = await createSessionStore(connection, now).create({ userId, isDemo: false, ttlMs });
  return `${SESSION_COOKIE}=${id}`;
}
