import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoBlog, startVelogFake, type VelogFake } from '../src/index.js';
import { DOCS, gql } from './http.js';

const NOW = new Date('2026-11-22T03:00:00Z');
let fake: VelogFake;

beforeEach(async () => {
  fake = await startVelogFake({ now: NOW, statsMode: 'legacy' });
});

afterEach(async () => {
  await fake.close();
});

describe('seedDemoBlog', () => {
  it('seeds dozens of posts over a year, some private, two drafts, with a year of reads', () => {
    const { users } = seedDemoBlog(fake);
    const [demo] = users;
    expect(demo?.username).toBe('demo');
    const posts = fake.store.posts().filter((post) => post.userId === demo?.id);
    expect(posts.length).toBeGreaterThanOrEqual(24);
    expect(posts.filter((post) => post.isTemp)).toHaveLength(2);
    expect(posts.filter((post) => post.isPrivate).length).toBeGreaterThanOrEqual(2);
    const released = posts.map((post) => post.releasedAt.getTime());
    expect(Math.min(...released)).toBeLessThan(NOW.getTime() - 300 * 86_400_000);
    const published = posts.filter((post) => !post.isTemp);
    for (const post of published) {
      const reads = fake.store.reads(post.id);
      expect(reads.reduce((sum, read) => sum + read.count, 0)).toBe(post.views);
      expect(reads.every((read) => read.at.getTime() <= NOW.getTime())).toBe(true);
    }
    expect(published.some((post) => post.likes > 0)).toBe(true);
  });

  it('is the same blog for the same seed', async () => {
    const other = await startVelogFake({ now: NOW });
    try {
      seedDemoBlog(fake, { seed: 7 });
      seedDemoBlog(other, { seed: 7 });
      const shape = (instance: VelogFake) =>
        instance.store.posts().map((post) => [post.title, post.releasedAt.getTime(), post.views]);
      expect(shape(other)).toEqual(shape(fake));
    } finally {
      await other.close();
    }
  });

  it('answers legacy getStats for the seeded writer with KST day rows, newest first', async () => {
    const { users } = seedDemoBlog(fake);
    const demo = users[0];
    if (demo === undefined) throw new Error('no demo user');
    const cookies = { access_token: fake.mintTokens(demo.id).accessToken };
    const postId = demo.postIds[0] ?? '';
    const result = await gql(fake.urls.v2, DOCS.statsDays, { post_id: postId }, { cookies });
    const stats = (result.body as { data: { getStats: { count_by_day: { day: string }[] } } }).data
      .getStats;
    const days = stats.count_by_day.map((row) => row.day);
    expect(days.length).toBeGreaterThan(30);
    expect([...days].sort().reverse()).toEqual(days);
  });
});
