import { addKstDays, kstMonthsBetween } from '@velog-insights/shared';
import { monthCache, recordScrape } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, kst, type SeedReading, seedWriter, sessionCookie } from './support.js';

const db = useTestDatabase();
const DAYS = 70;
const today = kst('2026-11-22');
/** Two writers alike but for the number of posts: what they cost to read must not differ. */
const WRITERS = { 'u-few': 4, 'u-many': 60 } as const;
let connection: Connection;
let t: ReturnType<typeof buildTestApp>;
const cookies = new Map<string, string>();

interface Read {
  command: string;
  collection: string;
  filter: unknown;
  docs: number;
}

/** Every command the app sent while a request ran, with the documents each returned. */
let reads: Read[] = [];
const pending = new Map<number, Read>();

beforeAll(async () => {
  connection = await mongoose
    .createConnection(db.uri, { dbName: db.dbName, monitorCommands: true })
    .asPromise();
  t = buildTestApp({ connection });
  for (const [userId, posts] of Object.entries(WRITERS)) {
    const ids = Array.from({ length: posts }, (_, post) => `${userId}-p${post}`);
    await seedWriter(t.models, {
      userId,
      username: userId,
      now: t.clock.now(),
      posts: ids.map((id) => ({ id, title: `Post ${id}` })),
      scrapes: Array.from({ length: DAYS }, (_, offset) => {
        const day = addKstDays(today, offset - (DAYS - 1));
        const readings: Record<string, SeedReading> = {};
        ids.forEach((id, post) => {
          readings[id] = [(offset + 1) * (post + 1), post];
        });
        // 10:00 KST, before the test clock's noon on the last day.
        return { at: new Date(`${day}T01:00:00Z`), posts: readings };
      }),
    });
    cookies.set(userId, await sessionCookie(connection, t.clock.now, userId));
  }

  const client = connection.getClient();
  client.on('commandStarted', (event) => {
    // getMore names its collection in `collection`; the other commands under their own name.
    const collection =
      event.commandName === 'getMore' ? event.command.collection : event.command[event.commandName];
    if (typeof collection !== 'string') return;
    pending.set(event.requestId, {
      command: event.commandName,
      collection,
      filter: event.command.filter,
      docs: 0,
    });
  });
  client.on('commandSucceeded', (event) => {
    const read = pending.get(event.requestId);
    pending.delete(event.requestId);
    if (read === undefined) return;
    const reply = event.reply as { cursor?: { firstBatch?: unknown[]; nextBatch?: unknown[] } };
    read.docs = (reply.cursor?.firstBatch ?? reply.cursor?.nextBatch ?? []).length;
    reads.push(read);
  });
});

afterAll(async () => {
  await connection?.close();
});

/** What one request read, by collection: the commands sent and the documents returned. */
async function measure(
  userId: string,
  path: string,
  init: RequestInit = {},
  cache: 'cold' | 'warm' = 'cold',
) {
  if (cache === 'cold') monthCache(t.models).clear();
  reads = [];
  const response = await t.app.request(path, {
    ...init,
    headers: { cookie: cookies.get(userId) as string },
  });
  await response.arrayBuffer();
  const byCollection: Record<string, { finds: number; docs: number }> = {};
  for (const read of reads) {
    // Every read is a find by `_id`: no scan by writer, no aggregation, no count.
    expect(read.command, `${path}: ${read.collection}`).toBe('find');
    expect(Object.keys(read.filter as object), `${path}: ${read.collection}`).toEqual(['_id']);
    expect(typeof (read.filter as { _id: unknown })._id).toBe('string');
    const entry = byCollection[read.collection] ?? { finds: 0, docs: 0 };
    entry.finds += 1;
    entry.docs += read.docs;
    byCollection[read.collection] = entry;
  }
  return { status: response.status, byCollection };
}

const range = (days: number) => `from=${addKstDays(today, -(days - 1))}&to=${today}`;
const monthsIn = (days: number) => kstMonthsBetween(addKstDays(today, -(days - 1)), today).length;

describe('dashboard reads follow the months shown, never the posts or the days', () => {
  const cases: [path: string, months: number, details: boolean][] = [
    [`/api/stats/daily?${range(7)}`, monthsIn(7), false],
    [`/api/stats/daily?${range(365)}`, monthsIn(365), false],
    // The recent cards need the 30 days ending today as well: October and November.
    [`/api/summary?${range(7)}`, monthsIn(30), false],
    [`/api/posts?${range(30)}&sort=periodViews`, monthsIn(30), true],
    [`/api/posts?${range(365)}&sort=periodViews`, monthsIn(365), true],
    [`/api/export?format=csv&${range(30)}`, monthsIn(30), true],
    [`/api/export?format=json&${range(90)}`, monthsIn(90), true],
    // Insights: tags read the range's months; launch curves those from the first publication
    // (these posts have no release date, so today's month); highlights also the 28 days
    // before the range's last 7, for the waking-up rule.
    [`/api/insights/tags?${range(30)}`, monthsIn(30), true],
    ['/api/insights/launch', 1, true],
    [`/api/insights/highlights?${range(7)}`, monthsIn(35), true],
  ];

  it.each(cases)('%s', async (path, months, details) => {
    const costs = [];
    for (const userId of Object.keys(WRITERS)) {
      const { status, byCollection } = await measure(userId, path);
      expect(status, path).toBe(200);
      costs.push(byCollection);
    }
    const [few, many] = costs;
    // The same reads for 4 posts as for 60.
    expect(many).toEqual(few);
    expect(few).toEqual({
      sessions: { finds: 1, docs: 1 },
      users: { finds: 1, docs: 1 },
      // One find per month of the range (today's month among them), each at most a document.
      stats_months: { finds: months, docs: Math.min(months, 3) },
      ...(details ? { writer_posts: { finds: 1, docs: 1 } } : {}),
    });
  });

  it('the summary of a range years back reads its months and the recent ones, not those between', async () => {
    // Found by fuzzing: a summary of one day in 1515 read every month from it to today, 6,000
    // finds, 12 s on FerretDB (such a day is now refused: ranges start in 2000).
    for (const from of ['2001-02-16', '2019-02-16']) {
      const { status, byCollection } = await measure(
        'u-few',
        `/api/summary?from=${from}&to=${from}`,
      );
      expect(status).toBe(200);
      expect(byCollection.stats_months?.finds).toBe(1 + monthsIn(30));
    }
  });

  it('the highlights of a range years back read its months and today’s, not those between', async () => {
    const { status, byCollection } = await measure(
      'u-few',
      '/api/insights/highlights?from=2001-02-16&to=2001-02-16',
    );
    expect(status).toBe(200);
    // Today's month, January and February 2001 (the waking-up rule looks back 35 days).
    expect(byCollection.stats_months?.finds).toBe(3);
  });

  it('a post’s own pages read the same months, and only the writer’s', async () => {
    for (const userId of Object.keys(WRITERS)) {
      for (const path of [
        `/api/posts/${userId}-p3/daily?${range(30)}`,
        `/api/posts/${userId}-p3`,
      ]) {
        const { status, byCollection } = await measure(userId, path);
        expect(status, path).toBe(200);
        expect(byCollection.stats_months).toEqual({ finds: 2, docs: 2 });
      }
    }
    // Another writer's post is looked for among this writer's months only: a 404.
    const other = await measure('u-few', `/api/posts/u-many-p3?${range(30)}`);
    expect(other.status).toBe(404);
    expect(other.byCollection.stats_months?.finds).toBe(2);
  });

  it('reads earlier months once: a repeat reads only the newest month until it changes', async () => {
    const path = `/api/posts?${range(70)}&sort=periodViews`;
    const cold = await measure('u-many', path);
    expect(cold.byCollection.stats_months).toEqual({ finds: 3, docs: 3 });
    const warm = await measure('u-many', path, {}, 'warm');
    expect(warm.byCollection.stats_months).toEqual({ finds: 1, docs: 1 });
    // A new observation changes the newest month, and with it what earlier months may hold.
    await recordScrape(t.models, {
      userId: 'u-many',
      takenAt: new Date(`${today}T02:00:00Z`),
      readings: [{ postId: 'u-many-p0', views: 1_000, likes: 0, releasedAt: null }],
      details: [],
    });
    const after = await measure('u-many', path, {}, 'warm');
    expect(after.byCollection.stats_months).toEqual({ finds: 3, docs: 3 });
  });

  it('a cursor that is not this listing’s is refused before any stats are read', async () => {
    const junk = Buffer.from(JSON.stringify({ o: 20, f: 'not-this-one' })).toString('base64url');
    for (const cursor of ['not-a-cursor', junk]) {
      const { status, byCollection } = await measure(
        'u-many',
        `/api/posts?${range(365)}&cursor=${cursor}`,
      );
      expect(status).toBe(400);
      expect(byCollection).toEqual({ sessions: { finds: 1, docs: 1 } });
    }
  });

  it('a request whose client has gone reads nothing past its session', async () => {
    const controller = new AbortController();
    controller.abort();
    const { status, byCollection } = await measure('u-many', `/api/posts?${range(365)}`, {
      signal: controller.signal,
    });
    expect(status).toBe(499);
    expect(byCollection).toEqual({ sessions: { finds: 1, docs: 1 } });
  });
});
