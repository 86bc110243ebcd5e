import { readStatsMonth } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, hookedClient, useWorld } from './world.js';

const db = useTestDatabase();
const world = useWorld(db);

const statsAsked = () =>
  world.fake
    .journal()
    .filter((entry) => entry.operation === 'getStats')
    .map((entry) => String(entry.variables?.post_id));

async function storedViews(userId: string): Promise<Map<string, number>> {
  const stored = await readStatsMonth(world.models, userId, '2026-11');
  return new Map(Object.values(stored?.posts ?? {}).map((post) => [post.id, post.v]));
}

async function scrape(username: string, client = world.client) {
  world.fake.advance(60_000);
  world.fake.resetJournal();
  const cycle = await runCycle(world.context({ client }), { username, force: true });
  return cycle.reports[0];
}

describe('views from the listing, checked against getStats (VELOG_LISTING_VIEWS=auto)', () => {
  it('checks the newest post and, in turn, every stored post', async () => {
    const writer = await addWriter(world, { username: 'rotating', posts: 5 });
    const first = await scrape('rotating');
    expect(first).toMatchObject({ outcome: 'ok', viewsFrom: 'listing', counts: { requests: 4 } });
    const checked = new Set<string>();
    for (let run = 0; run < 5; run += 1) {
      const report = await scrape('rotating');
      expect(report?.counts.requests).toBeLessThanOrEqual(1 + 1 + 2);
      const asked = statsAsked();
      expect(asked).toContain(writer.postIds[0]);
      for (const id of asked) checked.add(id);
    }
    expect(checked).toEqual(new Set(writer.postIds));
  });

  it('switches a writer whose listing lags getStats to getStats per post, logged once, until they agree again', async () => {
    const writer = await addWriter(world, { username: 'lagging', posts: 60 });
    await scrape('lagging');
    for (const postId of writer.postIds) world.fake.addReads(postId, 40);
    // An edge in front of velog serving an old listing: every count 40 behind.
    const stale = hookedClient(world.client, {
      mapPage: (posts) =>
        posts.map((post) => ({ ...post, views: Math.max(0, (post.views ?? 0) - 40) })),
    });
    const switching = await scrape('lagging', stale);
    expect(switching).toMatchObject({ outcome: 'ok', viewsFrom: 'getStats' });
    // The run that found the disagreement read every post with getStats: right figures.
    expect(new Set(statsAsked())).toEqual(new Set(writer.postIds));
    const views = await storedViews(writer.userId);
    writer.postIds.forEach((postId, index) => {
      expect(views.get(postId)).toBe(10 * index + 40);
    });
    const warned = () =>
      world.logs.filter((line) => line.includes('listing views disagree with getStats'));
    expect(warned()).toHaveLength(1);
    expect((await world.models.User.findById(writer.userId).lean())?.scrape.viewsSource).toBe(
      'getStats',
    );

    // Still lagging: getStats per post from the start, and no second warning.
    const still = await scrape('lagging', stale);
    expect(still).toMatchObject({ viewsFrom: 'getStats', counts: { requests: 1 + 2 + 60 } });
    expect(warned()).toHaveLength(1);

    // The listing agrees again: this run still reads per post, and the next trusts the listing.
    const agreeing = await scrape('lagging');
    expect(agreeing).toMatchObject({ viewsFrom: 'getStats' });
    expect(
      world.logs.some((line) => line.includes('listing views agree with getStats again')),
    ).toBe(true);
    const back = await scrape('lagging');
    expect(back).toMatchObject({ viewsFrom: 'listing', counts: { requests: 1 + 2 + 2 } });
  });

  it('reads getStats for every post when the listing has no views (as v2 answers it)', async () => {
    const writer = await addWriter(world, { username: 'viewless', posts: 8 });
    world.fake.setViewsInPosts('never');
    try {
      const report = await scrape('viewless');
      expect(report).toMatchObject({ outcome: 'ok', viewsFrom: 'getStats' });
      expect(new Set(statsAsked())).toEqual(new Set(writer.postIds));
      const views = await storedViews(writer.userId);
      writer.postIds.forEach((postId, index) => {
        expect(views.get(postId)).toBe(10 * index);
      });
    } finally {
      world.fake.setViewsInPosts('everyone');
    }
  });

  it('takes a listing ahead of a cached getStats total as the CDN’s staleness, not a disagreement', async () => {
    const writer = await addWriter(world, { username: 'ahead', posts: 3 });
    await scrape('ahead');
    const ahead = hookedClient(world.client, {
      mapPage: (posts) => posts.map((post) => ({ ...post, views: (post.views ?? 0) + 25 })),
    });
    const report = await scrape('ahead', ahead);
    expect(report).toMatchObject({ viewsFrom: 'listing' });
    expect((await storedViews(writer.userId)).get(writer.postIds[2] as string)).toBe(20 + 25);
  });
});
