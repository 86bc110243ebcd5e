/**
 * Times the dashboard's reads on a synthetic writer (POSTS posts × DAYS days of snapshots)
 * against MONGODB_URI: `MONGODB_URI=mongodb://127.0.0.1:27017/ npx tsx packages/api/scripts/measure-queries.ts`.
 * Uses a throw-away database and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { addKstDays, kstToday } from '@velog-insights/shared';
import { generateTokenKey, parseTokenKey, storeModels } from '@velog-insights/store';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { createSessionStore } from '../src/auth/sessions.js';
import { defaultAppConfig } from '../src/config.js';

const POSTS = Number(process.env.POSTS ?? 100);
const DAYS = Number(process.env.DAYS ?? 365);
const uri = process.env.MONGODB_URI;
if (!uri) throw new Error('set MONGODB_URI');

const now = new Date('2026-11-22T03:00:00Z');
const today = kstToday(now);
const connection = await mongoose
  .createConnection(uri, { dbName: `measure_${randomBytes(4).toString('hex')}` })
  .asPromise();
const models = storeModels(connection);
try {
  await models.User.create({
    _id: 'u',
    username: 'writer',
    displayName: 'writer',
    thumbnail: null,
    isDemo: false,
    authStatus: 'active',
    tokens: null,
    scrape: {},
    createdAt: now,
    updatedAt: now,
  });
  await models.Post.insertMany(
    Array.from({ length: POSTS }, (_, post) => ({
      _id: `p${post}`,
      userId: 'u',
      title: `Post ${post}`,
      urlSlug: `post-${post}`,
      views: DAYS * (post + 1),
      likes: post,
      firstSeenAt: now,
      lastSeenAt: now,
    })),
  );
  const seedStarted = performance.now();
  for (let offset = DAYS - 1; offset >= 0; offset -= 1) {
    const day = addKstDays(today, -offset);
    const views = (post: number) => (DAYS - offset) * (post + 1);
    await models.PostDay.insertMany(
      Array.from({ length: POSTS }, (_, post) => ({
        _id: `p${post}:${day}`,
        postId: `p${post}`,
        userId: 'u',
        day,
        views: views(post),
        likes: post,
        takenAt: now,
      })),
    );
    let total = 0;
    for (let post = 0; post < POSTS; post += 1) total += views(post);
    await models.UserDay.create({
      _id: `u:${day}`,
      userId: 'u',
      day,
      views: total,
      likes: 0,
      posts: POSTS,
      takenAt: now,
    });
  }
  const seedMs = performance.now() - seedStarted;

  const app = createApp({
    connection,
    velog: null,
    now: () => now,
    logger: pino({ level: 'silent' }),
    config: defaultAppConfig({ tokenKey: parseTokenKey(generateTokenKey()) }),
  });
  const { id } = await createSessionStore(connection, () => now).create({
    userId: 'u',
    isDemo: false,
    ttlMs: 86_400_000,
  });
  const cookie = `vi_session=${id}`;

  const from = (days: number) => addKstDays(today, -(days - 1));
  const paths = [
    `/api/summary?from=${from(30)}`,
    `/api/stats/daily?from=${from(30)}`,
    `/api/stats/daily?from=${from(365)}`,
    `/api/posts?from=${from(7)}&sort=periodViews`,
    `/api/posts?from=${from(30)}&sort=periodViews`,
    `/api/posts?from=${from(365)}&sort=periodViews`,
    `/api/posts/p7/daily?from=${from(30)}`,
  ];
  console.log(
    `seeded ${POSTS} posts × ${DAYS} days (${POSTS * DAYS} post_days) in ${(seedMs / 1000).toFixed(1)} s`,
  );
  for (const path of paths) {
    const times: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      const response = await app.request(path, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${path.padEnd(48)} median ${times[2]?.toFixed(0)} ms (min ${times[0]?.toFixed(0)})`,
    );
  }
} finally {
  await connection.dropDatabase();
  await connection.close();
}
