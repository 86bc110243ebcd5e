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
