import { addKstDays, type KstDate } from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, kst, seedWriter, sessionCookie } from './support.js';

const db = useTestDatabase();
const POSTS = 40;
const DAYS = 90;
const today = kst('2026-11-22');
let connection: Connection;
let t: ReturnType<typeof buildTestApp>;
let cookie: string;

/** Documents each collection returned to the app, counted from the driver's command replies. */
let returned: Record<string, number> = {};
const pending = new Map<number, string>();

beforeAll(async () => {
  connection = await mongoose
    .createConnection(db.uri, { dbName: db.dbName, monitorCommands: true })
    .asPromise();
  t = buildTestApp({ connection });
  const days: Record<string, Record<string, [number, number]>> = {};
  for (let offset = DAYS - 1; offset >= 0; offset -= 1) {
    const perPost: Record<string, [number, number]> = {};
    for (let post = 0; post < POSTS; post += 1)
      perPost[`p${post}`] = [(DAYS - offset) * (post + 1), post];
    days[addKstDays(today, -offset)] = perPost;
  }
  await seedWriter(t.models, {
    userId: 'u-many',
    username: 'many',
    now: t.clock.now(),
    posts: Array.from({ length: POSTS }, (_, post) => ({
      id: `p${post}`,
      title: `Post ${post}`,
      views: DAYS * (post + 1),
      likes: post,
    })),
    days,
  });
  cookie = await sessionCookie(connection, t.clock.now, 'u-many');

  const client = connection.getClient();
  client.on('commandStarted', (event) => {
    // getMore names its collection in `collection`; the other commands under their own name.
    const collection =
      event.commandName === 'getMore' ? event.command.collection : event.command[event.commandName];
    if (typeof collection === 'string') pending.set(event.requestId, collection);
  });
  client.on('commandSucceeded', (event) => {
    const collection = pending.get(event.requestId);
    pending.delete(event.requestId);
    const reply = event.reply as { cursor?: { firstBatch?: unknown[]; nextBatch?: unknown[] } };
    const batch = reply.cursor?.firstBatch ?? reply.cursor?.nextBatch;
    if (collection !== undefined && batch !== undefined) {
      returned[collection] = (returned[collection] ?? 0) + batch.length;
    }
  });
});

afterAll(async () => {
  await connection?.close();
});

async function measure(path: string): Promise<Record<string, number>> {
  returned = {};
  const response = await t.app.request(path, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  return returned;
}

const week = (from: KstDate) => `from=${from}&to=${today}`;

describe('dashboard queries read the days shown, not every post’s every day', () => {
  it('summary and the daily chart read one day-total document a day, no post snapshots', async () => {
    const daily = await measure(`/api/stats/daily?${week(addKstDays(today, -6))}`);
    expect(daily).toEqual({ sessions: 1, user_days: 8 });

    const summary = await measure(`/api/summary?${week(addKstDays(today, -6))}`);
    // The 30 days the recent cards need, plus the baseline before them.
    expect(summary.user_days).toBe(31);
    expect(summary.post_days).toBeUndefined();
  });

  it('the post list reads each post’s snapshots for the range and the day before, only', async () => {
    const weekList = await measure(`/api/posts?${week(addKstDays(today, -6))}`);
    expect(weekList.post_days).toBe(POSTS * 8);
    const monthList = await measure(`/api/posts?${week(addKstDays(today, -29))}`);
    expect(monthList.post_days).toBe(POSTS * 31);
    expect(POSTS * DAYS).toBeGreaterThan(monthList.post_days ?? 0);
  });

  it('a post’s daily series reads that post’s days only', async () => {
    const one = await measure(`/api/posts/p3/daily?${week(addKstDays(today, -6))}`);
    expect(one.post_days).toBe(8);
  });
});
