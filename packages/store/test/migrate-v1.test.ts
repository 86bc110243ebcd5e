import {
  indexMonths,
  type KstDate,
  kstDatesBetween,
  postDailyGains,
  postRangeGains,
  writerDailyGains,
  writerRangeGains,
} from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { migrateToStatsMonths } from '../src/migrations/stats-months-v1.js';
import { storeModels } from '../src/models.js';
import { readStatsMonths } from '../src/months/stats-months.js';
import { readPostDetails } from '../src/months/writer-posts.js';
import { type V1Scrape, writeV1History } from './fixtures/v1-history.js';

const db = useTestDatabase();
const days = (from: string, to: string) => ({ from: from as KstDate, to: to as KstDate });

/** 23:00 KST on a day. */
function evening(day: KstDate): Date {
  return new Date(`${day}T14:00:00Z`);
}

const posts = [
  { id: 'a', title: '오래된 글', releasedAt: new Date('2026-09-01T01:00:00Z') },
  { id: 'b', title: 'New post', releasedAt: new Date('2026-10-05T01:00:00Z') },
  { id: 'c', title: 'Flaky', releasedAt: new Date('2026-09-15T01:00:00Z') },
];

/** a +3 a day, b launched 10-05 with +10 a day, c +1 a day but unread on 10-25; 10-20 unobserved. */
function history(): V1Scrape[] {
  const scrapes: V1Scrape[] = [];
  kstDatesBetween('2026-10-01' as KstDate, '2026-11-10' as KstDate).forEach((day, n) => {
    if (day === '2026-10-20') return;
    const counters: V1Scrape['counters'] = {
      a: { views: 100 + 3 * n, likes: n === 7 ? 4 : 5 },
      c: { views: day === '2026-10-25' ? null : 50 + n, likes: 0 },
    };
    if (day >= '2026-10-05') counters.b = { views: 10 * (n - 3), likes: 1 };
    scrapes.push({ at: evening(day), counters });
  });
  return scrapes;
}

async function collections(): Promise<string[]> {
  const list = await db.connection.db?.listCollections({}, { nameOnly: true }).toArray();
  return (list ?? []).map((c) => c.name).sort();
}

describe('migrating the first layout to months', () => {
  it('replays every writer, checks the counters, then drops the old collections', async () => {
    await writeV1History(db.connection, { userId: 'w1', posts, scrapes: history() });
    // velog's post ids are global: another writer's posts never share one.
    await writeV1History(db.connection, {
      userId: 'w2',
      posts: [{ id: 'z', title: 'other', releasedAt: new Date('2026-09-01T01:00:00Z') }],
      scrapes: history()
        .slice(0, 5)
        .map((scrape) => ({ at: scrape.at, counters: { z: scrape.counters.a ?? 'gone' } })),
    });
    expect(await collections()).toEqual(
      expect.arrayContaining(['post_days', 'posts', 'user_days']),
    );

    // A run that stops after its first writer keeps the old collections and resumes later.
    await expect(
      migrateToStatsMonths(db.connection, {
        afterWriter: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await collections()).toEqual(expect.arrayContaining(['post_days', 'posts']));

    const report = await migrateToStatsMonths(db.connection);
    expect(report).toMatchObject({ ran: true, writers: 1 });
    const names = await collections();
    expect(names).not.toContain('post_days');
    expect(names).not.toContain('user_days');
    expect(names).not.toContain('posts');

    const models = storeModels(db.connection);
    const range = { from: '2026-10-02' as KstDate, to: '2026-11-10' as KstDate };
    const index = indexMonths(await readStatsMonths(models, 'w1', range));
    const table = postRangeGains(index, range);
    // a: +3 a day over 40 days with one unobserved day inside (its span stays in range).
    expect(table.get('a')).toEqual({ views: 3 * 40, likes: 0 });
    // b: launched on 10-05 (first seen after its release): its first day is its whole count.
    expect(postDailyGains(index, 'b', days('2026-10-05', '2026-10-05'))[0]).toMatchObject({
      views: 10,
      likes: 1,
    });
    expect(table.get('b')?.views).toBe(10 * 37);
    // c: unread on 10-25, so that day is unknown and 10-26 a span of two days.
    const c = postDailyGains(index, 'c', days('2026-10-24', '2026-10-26'));
    expect(c.map((day) => day.views)).toEqual([1, null, null]);
    expect(c[2]?.gap).toMatchObject({ days: 2, views: 2 });
    // The chart is the sum of the table, by construction and after a migration alike.
    const sum = [...table.values()].reduce((total, row) => total + (row.views ?? 0), 0);
    expect(writerRangeGains(index, range).views).toBe(sum);
    const daily = writerDailyGains(index, range);
    expect(daily.find((day) => day.day === '2026-10-20')?.views).toBeNull();
    expect(daily.find((day) => day.day === '2026-10-21')?.gap?.days).toBe(2);
    expect((await readPostDetails(models, 'w1')).get('a')?.title).toBe('오래된 글');
    expect(await readStatsMonths(models, 'w2', range)).toHaveLength(1);
  });

  it('is a no-op once done', async () => {
    expect(await migrateToStatsMonths(db.connection)).toMatchObject({ ran: false });
  });
});
