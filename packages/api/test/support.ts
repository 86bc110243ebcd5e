import { Writable } from 'node:stream';
import { ErrorEnvelope, type KstDate } from '@velog-insights/shared';
import {
  generateTokenKey,
  parseTokenKey,
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
  releasedAt?: Date;
  views: number | null;
  likes: number;
  removed?: boolean;
}

/**
 * Writes a writer, their posts and day snapshots straight through the store models, as the
 * worker would have left them. `days` maps a KST day to each post's cumulative [views, likes]
 * that day; the user's day total is their sum.
 */
export async function seedWriter(
  models: StoreModels,
  input: {
    userId: string;
    username: string;
    isDemo?: boolean;
    now: Date;
    posts: SeedPost[];
    days: Record<string, Record<string, [number, number]>>;
  },
): Promise<void> {
  const { userId, now } = input;
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
      firstSnapshotDay: Object.keys(input.days).sort()[0] ?? null,
    },
    createdAt: now,
    updatedAt: now,
  });
  if (input.posts.length > 0) {
    await models.Post.insertMany(
      input.posts.map((post) => ({
        _id: post.id,
        userId,
        title: post.title,
        urlSlug: post.title.toLowerCase().replaceAll(' ', '-'),
        tags: [],
        releasedAt: post.releasedAt ?? null,
        velogUpdatedAt: null,
        isPrivate: false,
        views: post.views,
        likes: post.likes,
        commentsCount: 0,
        firstSeenAt: now,
        lastSeenAt: now,
        removedAt: post.removed ? now : null,
      })),
    );
  }
  const postDays = [];
  const userDays = [];
  for (const [day, perPost] of Object.entries(input.days)) {
    let views = 0;
    let likes = 0;
    for (const [postId, [postViews, postLikes]] of Object.entries(perPost)) {
      postDays.push({
        _id: `${postId}:${day}`,
        postId,
        userId,
        day,
        views: postViews,
        likes: postLikes,
        takenAt: now,
        source: 'snapshot' as const,
      });
      views += postViews;
      likes += postLikes;
    }
    userDays.push({
      _id: `${userId}:${day}`,
      userId,
      day,
      views,
      likes,
      posts: Object.keys(perPost).length,
      takenAt: new Date(`${day}T14:00:00Z`),
    });
  }
  if (postDays.length > 0) await models.PostDay.insertMany(postDays);
  if (userDays.length > 0) await models.UserDay.insertMany(userDays);
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
