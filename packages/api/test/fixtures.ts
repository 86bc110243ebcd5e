import type { StoreModels } from '@velog-insights/store';
import { atDayEnd, seedWriter } from './support.js';

/**
 * Alice's history, one scrape a day at 23:00 KST, with a missed day (11-20), a post launched
 * on 11-21 and one removed on 11-15; the figures the tests expect are worked out by hand in
 * the tests, from these numbers.
 */
export async function seedAlice(models: StoreModels, now: Date): Promise<void> {
  await seedWriter(models, {
    userId: 'u-alice',
    username: 'alice',
    now,
    posts: [
      {
        id: 'p1',
        title: 'Alpha post',
        releasedAt: new Date('2026-01-05T00:00:00Z'),
      },
      {
        id: 'p2',
        title: 'Beta, "notes"',
        releasedAt: new Date('2026-03-01T00:00:00Z'),
      },
      {
        id: 'p3',
        title: 'Gamma post',
        // 10:00 KST on 11-21, after the 11-19 scrape: first seen on 11-21, it launched.
        releasedAt: new Date('2026-11-21T01:00:00Z'),
      },
      { id: 'p4', title: 'Old removed' },
    ],
    scrapes: atDayEnd({
      '2026-11-10': { p1: [60, 3], p2: [40, 1], p4: [5, 0] },
      '2026-11-11': { p1: [70, 3], p2: [42, 1], p4: [5, 0] },
      '2026-11-15': { p1: [90, 4], p2: [45, 1], p4: 'gone' },
      '2026-11-18': { p1: [100, 5], p2: [50, 1] },
      '2026-11-19': { p1: [110, 6], p2: [52, 1] },
      '2026-11-21': { p1: [130, 7], p2: [60, 2], p3: [0, 0] },
      '2026-11-22': { p1: [135, 7], p2: [61, 3], p3: [10, 1] },
    }),
  });
}

export async function seedBob(models: StoreModels, now: Date): Promise<void> {
  await seedWriter(models, {
    userId: 'u-bob',
    username: 'bob',
    now,
    posts: [{ id: 'q1', title: 'Bob only' }],
    scrapes: atDayEnd({
      '2026-11-21': { q1: [800, 30] },
      '2026-11-22': { q1: [900, 40] },
    }),
  });
}

export async function seedDemo(models: StoreModels, now: Date): Promise<void> {
  await seedWriter(models, {
    userId: 'demo',
    username: 'demo',
    isDemo: true,
    now,
    posts: [{ id: 'd1', title: 'Demo post' }],
    scrapes: atDayEnd({
      '2026-11-21': { d1: [20, 1] },
      '2026-11-22': { d1: [30, 2] },
    }),
  });
}

const kstAt = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);

/**
 * Carol's history has everything that once made the chart, the table and the export disagree:
 * two scrapes on her first day, an unobserved day (11-17), a post launched between two scrapes
 * of 11-18, a post missed on 11-19, a like taken back on 11-21, and a post whose listing details
 * were never written.
 */
export async function seedCarol(models: StoreModels, now: Date): Promise<void> {
  const scrape = (day: string, time: string, posts: Record<string, [number, number]>) => ({
    at: kstAt(day, time),
    posts,
  });
  await seedWriter(models, {
    userId: 'u-carol',
    username: 'carol',
    now,
    posts: [
      { id: 'c1', title: 'Old favourite', releasedAt: new Date('2025-06-01T00:00:00Z') },
      { id: 'c2', title: '코틀린 코루틴 입문 (2)', releasedAt: new Date('2025-09-01T00:00:00Z') },
      { id: 'c3', title: 'Launch day', releasedAt: kstAt('2026-11-18', '10:00') },
      {
        id: 'c4',
        title: 'No details yet',
        releasedAt: new Date('2025-01-01T00:00:00Z'),
        withoutDetails: true,
      },
    ],
    scrapes: [
      scrape('2026-11-14', '10:00', { c1: [98, 5], c2: [50, 2], c4: [30, 0] }),
      scrape('2026-11-14', '23:00', { c1: [100, 5], c2: [50, 2], c4: [30, 0] }),
      scrape('2026-11-15', '23:00', { c1: [110, 5], c2: [55, 3], c4: [31, 0] }),
      scrape('2026-11-16', '23:00', { c1: [120, 6], c2: [58, 3], c4: [33, 1] }),
      scrape('2026-11-18', '10:30', { c1: [125, 6], c2: [60, 3], c3: [20, 1], c4: [33, 1] }),
      scrape('2026-11-18', '23:50', { c1: [130, 7], c2: [62, 3], c3: [80, 4], c4: [34, 1] }),
      scrape('2026-11-19', '23:00', { c1: [135, 7], c3: [95, 5], c4: [35, 1] }),
      scrape('2026-11-20', '23:00', { c1: [140, 7], c2: [70, 4], c3: [100, 5], c4: [36, 1] }),
      scrape('2026-11-21', '23:00', { c1: [150, 8], c2: [71, 3], c3: [104, 6], c4: [36, 1] }),
      scrape('2026-11-22', '11:00', { c1: [152, 8], c2: [72, 3], c3: [110, 6], c4: [37, 1] }),
    ],
  });
}
