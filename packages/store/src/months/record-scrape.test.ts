import type { CounterReading, KstDate } from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import mongoose, { type Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeModels } from '../models.js';
import { readWriterMonths } from '../queries/read-writer-months.js';
import { recordScrape } from './record-scrape.js';
import { readStatsMonth } from './stats-months.js';
import { readPostDetails } from './writer-posts.js';

const db = useTestDatabase();

/** Counts the data write commands the driver sends, by collection. */
function countWrites(connection: Connection): { writes: Map<string, number>; stop(): void } {
  const writes = new Map<string, number>();
  const client = connection.getClient();
  const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
    if (!['insert', 'update', 'delete'].includes(event.commandName)) return;
    const collection = String(event.command[event.commandName]);
    writes.set(collection, (writes.get(collection) ?? 0) + 1);
  };
  client.on('commandStarted', listener);
  return { writes, stop: () => client.off('commandStarted', listener) };
}

const released = new Date('2025-01-01T00:00:00Z');

function readings(count: number, views: (index: number) => number): CounterReading[] {
  return Array.from({ length: count }, (_, index) => ({
    postId: `post-${index}`,
    views: views(index),
    likes: 1,
    releasedAt: released,
  }));
}

function details(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    postId: `post-${index}`,
    title: `글 ${index}`,
    urlSlug: `slug-${index}`,
    tags: ['ts'],
    releasedAt: released,
    updatedAt: null,
    isPrivate: false,
    commentsCount: 0,
  }));
}

let connection: Connection;
beforeAll(async () => {
  // Command events only reach listeners on a client created with monitorCommands.
  connection = await mongoose
    .createConnection(db.uri, { dbName: db.dbName, monitorCommands: true })
    .asPromise();
  return () => connection.close();
});

describe('recordScrape', () => {
  const userId = 'writer-a';
  const posts = 40;

  it('writes one month and the details on a first scrape, then nothing once unchanged', async () => {
    const models = storeModels(connection);
    const first = await recordScrape(models, {
      userId,
      takenAt: new Date('2026-11-10T01:00:00Z'),
      readings: readings(posts, (i) => 100 + i),
      details: details(posts),
    });
    expect(first).toMatchObject({ outcome: 'recorded', monthsWritten: 1, detailsWritten: 1 });

    // The second reading of the first day turns its baselines into measured posts: one write.
    const second = await recordScrape(models, {
      userId,
      takenAt: new Date('2026-11-10T01:30:00Z'),
      readings: readings(posts, (i) => 100 + i),
      details: details(posts),
    });
    expect(second).toMatchObject({ monthsWritten: 1, detailsWritten: 0 });

    const counter = countWrites(connection);
    const again = await recordScrape(models, {
      userId,
      takenAt: new Date('2026-11-10T02:00:00Z'),
      readings: readings(posts, (i) => 100 + i),
      details: details(posts),
    });
    counter.stop();
    expect(again).toMatchObject({ monthsWritten: 0, detailsWritten: 0 });
    expect([...counter.writes.values()].reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('writes k changed posts as O(k) paths of one document', async () => {
    const models = storeModels(connection);
    const counter = countWrites(connection);
    const commands: Record<string, unknown>[] = [];
    const client = connection.getClient();
    const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (event.commandName === 'update') commands.push(event.command);
    };
    client.on('commandStarted', listener);
    await recordScrape(models, {
      userId,
      takenAt: new Date('2026-11-10T03:00:00Z'),
      readings: readings(posts, (i) => (i < 2 ? 105 + i : 100 + i)),
      details: details(posts),
    });
    client.off('commandStarted', listener);
    counter.stop();
    expect(Object.fromEntries(counter.writes)).toEqual({ stats_months: 1 });
    const updates = (commands[0]?.updates ?? []) as { u: { $set: Record<string, unknown> } }[];
    const update = updates[0]?.u;
    const paths = Object.keys(update?.$set ?? {});
    // The two posts' day gains and the day's total and time: not one path per post. (A post's
    // counters are not stored: they are its opening figures plus the month's gains.)
    expect(paths.sort()).toEqual(
      [
        'days.2026-11-10.end',
        'days.2026-11-10.tv',
        'days.2026-11-10.v.0',
        'days.2026-11-10.v.1',
        'lastEnd',
      ].sort(),
    );
  });

  it('writes one document on the first scrape of a new day with nothing changed', async () => {
    const models = storeModels(connection);
    const counter = countWrites(connection);
    await recordScrape(models, {
      userId,
      takenAt: new Date('2026-11-11T01:00:00Z'),
      readings: readings(posts, (i) => (i < 2 ? 105 + i : 100 + i)),
      details: details(posts),
    });
    counter.stop();
    expect(Object.fromEntries(counter.writes)).toEqual({ stats_months: 1 });
    const month = await readStatsMonth(models, userId, '2026-11');
    expect(month?.days['2026-11-11']).toMatchObject({
      prev: '2026-11-10',
      v: {},
      tv: posts * 100 + (posts * (posts - 1)) / 2 + 10,
    });
  });

  it('opens a new month from the last one and reads the range back by month', async () => {
    const models = storeModels(connection);
    await recordScrape(models, {
      userId,
      takenAt: new Date('2026-12-01T01:00:00Z'),
      readings: readings(posts, (i) => (i === 3 ? 120 : i < 2 ? 105 + i : 100 + i)),
      details: details(posts),
    });
    const december = await readStatsMonth(models, userId, '2026-12');
    expect(december?.open['3']).toEqual([103, 1]);
    expect(december?.days['2026-12-01']?.v).toEqual({ '3': 17 });
    const { index, latest } = await readWriterMonths(
      models,
      userId,
      { from: '2026-11-10' as KstDate, to: '2026-12-01' as KstDate },
      '2026-12-01' as KstDate,
    );
    expect(latest?.month).toBe('2026-12');
    expect([...index.byMonth.keys()]).toEqual(['2026-11', '2026-12']);
    expect((await readPostDetails(models, userId)).get('post-3')?.title).toBe('글 3');
  });

  it('reads no month when the caller passes the latest one it read, and records the same', async () => {
    const models = storeModels(connection);
    const reads: string[] = [];
    const client = connection.getClient();
    const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (event.commandName === 'find') reads.push(String(event.command.find));
    };
    // Two writers, one recorded the ordinary way and one with its latest month passed in.
    const take = (writer: string, latestGiven: boolean) =>
      (async () => {
        const latest = latestGiven ? await readStatsMonth(models, writer, '2026-12') : undefined;
        client.on('commandStarted', listener);
        try {
          return await recordScrape(models, {
            userId: writer,
            takenAt: new Date('2026-12-02T01:00:00Z'),
            readings: readings(posts, (i) => 130 + i),
            details: [],
            ...(latestGiven ? { latest } : {}),
          });
        } finally {
          client.off('commandStarted', listener);
        }
      })();
    for (const writer of ['writer-b', 'writer-c']) {
      await recordScrape(models, {
        userId: writer,
        takenAt: new Date('2026-12-01T01:00:00Z'),
        readings: readings(posts, (i) => 100 + i),
        details: details(posts),
      });
    }
    await take('writer-b', false);
    expect(reads.filter((collection) => collection === 'stats_months')).not.toHaveLength(0);
    reads.length = 0;
    await take('writer-c', true);
    expect(reads.filter((collection) => collection === 'stats_months')).toHaveLength(0);
    const b = await readStatsMonth(models, 'writer-b', '2026-12');
    const c = await readStatsMonth(models, 'writer-c', '2026-12');
    expect(c).toEqual({ ...b, userId: 'writer-c' });
  });

  it('completes two writers’ first scrapes of a new day at once (FerretDB#3700)', async () => {
    const models = storeModels(connection);
    const writers = ['writer-b', 'writer-c'];
    for (const id of writers) {
      await recordScrape(models, {
        userId: id,
        takenAt: new Date('2026-11-20T14:00:00Z'),
        readings: readings(100, (i) => i),
        details: details(100),
      });
    }
    const results = await Promise.all(
      writers.map((id) =>
        recordScrape(models, {
          userId: id,
          // 00:10 KST the next day: a day roll for both.
          takenAt: new Date('2026-11-20T15:10:00Z'),
          readings: readings(100, (i) => i + 1),
          details: details(100).map((post) => ({ ...post, title: `${post.title}!` })),
        }),
      ),
    );
    expect(results.map((r) => r.monthsWritten)).toEqual([1, 1]);
    for (const id of writers) {
      const month = await readStatsMonth(models, id, '2026-11');
      expect(Object.keys(month?.days['2026-11-21']?.v ?? {})).toHaveLength(100);
    }
  });
});
