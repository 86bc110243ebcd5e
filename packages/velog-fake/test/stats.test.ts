import { afterEach, describe, expect, it } from 'vitest';
import { startVelogFake, type VelogFake } from '../src/index.js';
import { DOCS, gql } from './http.js';

let fake: VelogFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface Stats {
  total: number;
  count_by_day: { count: number; day: string }[];
}

async function statsAt(instance: VelogFake, postId: string, cookies: Record<string, string>) {
  const result = await gql(instance.urls.v2, DOCS.statsDays, { post_id: postId }, { cookies });
  expect(result.status).toBe(200);
  return (result.body as { data: { getStats: Stats } }).data.getStats;
}

describe.each(['utc-midnight', 'kst-midnight-as-utc'] as const)(
  'legacy getStats (%s)',
  (encoding) => {
    const dayOf = (kstDate: string) =>
      encoding === 'utc-midnight'
        ? `${kstDate}T00:00:00.000Z`
        : new Date(new Date(`${kstDate}T00:00:00.000Z`).getTime() - 9 * 3600_000).toISOString();

    it('turns the day at KST midnight: 23:59:59 KST, then 00:00:01 KST', async () => {
      // 2026-11-22 23:59:59 KST.
      fake = await startVelogFake({
        now: new Date('2026-11-22T14:59:59Z'),
        statsMode: 'legacy',
        legacyDayEncoding: encoding,
      });
      const alice = fake.addUser({ username: 'alice' });
      const cookies = {
        access_token: fake.mintTokens(alice.id, { accessTtlSeconds: 86400 }).accessToken,
      };
      const post = fake.addPost({ userId: alice.id, releasedAt: new Date('2026-11-20T00:00:00Z') });
      fake.addReads(post.id, 4, new Date('2026-11-20T03:00:00Z'));
      fake.addReads(post.id, 2);

      const before = await statsAt(fake, post.id, cookies);
      expect(before).toEqual({
        total: 6,
        count_by_day: [
          { count: 2, day: dayOf('2026-11-22') },
          { count: 4, day: dayOf('2026-11-20') },
        ],
      });

      fake.advance(2000); // 2026-11-23 00:00:01 KST
      const midnight = await statsAt(fake, post.id, cookies);
      expect(midnight.count_by_day.map((row) => row.day)).toEqual([
        dayOf('2026-11-22'),
        dayOf('2026-11-20'),
      ]);

      fake.addReads(post.id, 1);
      const after = await statsAt(fake, post.id, cookies);
      expect(after.total).toBe(7);
      expect(after.count_by_day[0]).toEqual({ count: 1, day: dayOf('2026-11-23') });
    });
  },
);

describe('getStats modes', () => {
  it('current mode reports the counter, including a correction downwards', async () => {
    fake = await startVelogFake({ now: new Date('2026-11-22T03:00:00Z') });
    const alice = fake.addUser({ username: 'alice' });
    const cookies = { access_token: fake.mintTokens(alice.id).accessToken };
    const post = fake.addPost({ userId: alice.id, views: 100 });
    fake.addReads(post.id, 3);
    expect(await statsAt(fake, post.id, cookies)).toEqual({ total: 103, count_by_day: [] });
    fake.setViews(post.id, 90);
    expect((await statsAt(fake, post.id, cookies)).total).toBe(90);
  });

  it('legacy totals leave out reads purged before 2024 and counters set directly', async () => {
    fake = await startVelogFake({ now: new Date('2026-11-22T03:00:00Z'), statsMode: 'legacy' });
    const alice = fake.addUser({ username: 'alice' });
    const cookies = { access_token: fake.mintTokens(alice.id).accessToken };
    const post = fake.addPost({
      userId: alice.id,
      views: 50,
      releasedAt: new Date('2023-06-01T00:00:00Z'),
    });
    fake.addReads(post.id, 9, new Date('2023-12-30T00:00:00Z'));
    fake.addReads(post.id, 1, new Date('2024-01-02T00:00:00Z'));
    expect(await statsAt(fake, post.id, cookies)).toEqual({
      total: 1,
      count_by_day: [{ count: 1, day: '2024-01-02T00:00:00.000Z' }],
    });
    fake.setStatsMode('current');
    expect((await statsAt(fake, post.id, cookies)).total).toBe(60);
  });

  it('works on drafts and private posts for their owner', async () => {
    fake = await startVelogFake({ now: new Date('2026-11-22T03:00:00Z') });
    const alice = fake.addUser({ username: 'alice' });
    const cookies = { access_token: fake.mintTokens(alice.id).accessToken };
    const draft = fake.addPost({ userId: alice.id, status: 'draft', views: 1 });
    const secret = fake.addPost({ userId: alice.id, status: 'private', views: 2 });
    expect((await statsAt(fake, draft.id, cookies)).total).toBe(1);
    expect((await statsAt(fake, secret.id, cookies)).total).toBe(2);
  });
});

describe('views in posts', () => {
  const V3_VIEWS = 'query ($u: String) { posts(input: { username: $u }) { views } }';

  async function viewsSeen(url: string, doc: string, cookies: Record<string, string>) {
    const result = await gql(url, doc, { u: 'alice', username: 'alice' }, { cookies });
    return (result.body as { data: { posts: { views: number | null }[] } }).data.posts[0]?.views;
  }

  it.each([
    [undefined, 5, 5],
    ['everyone', 5, 5],
    ['owner', 5, null],
    ['never', null, null],
  ] as const)(
    'v3 with %s: the owner sees %s, anybody else %s',
    async (mode, ownerSees, othersSee) => {
      fake = await startVelogFake(mode === undefined ? {} : { viewsInPosts: mode });
      const alice = fake.addUser({ username: 'alice' });
      const post = fake.addPost({ userId: alice.id, views: 5 }).id;
      const owner = { access_token: fake.mintTokens(alice.id).accessToken };
      expect(await viewsSeen(fake.urls.v3, V3_VIEWS, owner)).toBe(ownerSees);
      expect(await viewsSeen(fake.urls.v3, V3_VIEWS, {})).toBe(othersSee);
      // By default the listing's views are the very number getStats reports.
      if (mode === undefined) expect((await statsAt(fake, post, owner)).total).toBe(5);
    },
  );

  it('v2 answers views: null in posts, even with viewsInPosts everyone', async () => {
    fake = await startVelogFake({ viewsInPosts: 'everyone' });
    const alice = fake.addUser({ username: 'alice' });
    fake.addPost({ userId: alice.id, views: 5 });
    const owner = { access_token: fake.mintTokens(alice.id).accessToken };
    expect(await viewsSeen(fake.urls.v2, DOCS.v2Posts, owner)).toBeNull();
    expect(await viewsSeen(fake.urls.v2, DOCS.v2Posts, {})).toBeNull();
  });
});
