import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVelogFake, type VelogFake } from '../src/index.js';
import { DOCS, gql } from './http.js';

// 2026-11-22 12:00 KST.
const NOW = new Date('2026-11-22T03:00:00Z');
const HOUR = 3600_000;

let fake: VelogFake;
let alice: { id: string; username: string };
let cookies: Record<string, string>;

beforeEach(async () => {
  fake = await startVelogFake({ now: NOW });
  alice = fake.addUser({
    username: 'alice',
    email: 'alice@example.com',
    thumbnail: 'https://img/a.png',
  });
  const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 24 * 3600 });
  cookies = { access_token: tokens.accessToken, refresh_token: tokens.refreshToken };
});

afterEach(async () => {
  await fake.close();
});

describe('the documents earlier dashboards send get the answers velog-api.md describes', () => {
  it('currentUser on v3 returns the signed-in user with email and thumbnail', async () => {
    const result = await gql(fake.urls.v3, DOCS.currentUser, {}, { cookies });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      data: {
        currentUser: {
          id: alice.id,
          username: 'alice',
          email: 'alice@example.com',
          profile: { thumbnail: 'https://img/a.png' },
        },
      },
    });
    expect(result.setCookie).toEqual([]);
  });

  it('currentUser is null, at HTTP 200, when nobody signs in', async () => {
    const result = await gql(fake.urls.v3, DOCS.currentUser);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { currentUser: null } });
  });

  it('velogPosts pages through public posts with empty cursor and tag', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 55; i += 1) {
      const releasedAt = new Date(NOW.getTime() - (i + 1) * HOUR);
      ids.push(fake.addPost({ userId: alice.id, title: `Post ${i}`, releasedAt, likes: i }).id);
    }
    const input = { cursor: '', username: 'alice', limit: 50, tag: '' };
    const page1 = await gql(fake.urls.v3, DOCS.velogPosts, { input });
    expect(page1.status).toBe(200);
    const posts = (page1.body as { data: { posts: Record<string, unknown>[] } }).data.posts;
    expect(posts).toHaveLength(50);
    expect(posts[0]).toEqual({
      id: ids[0],
      title: 'Post 0',
      url_slug: 'post-0',
      likes: 0,
      released_at: new Date(NOW.getTime() - HOUR).toISOString(),
    });
    expect(posts[0]?.released_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const page2 = await gql(fake.urls.v3, DOCS.velogPosts, {
      input: { ...input, cursor: posts.at(-1)?.id },
    });
    const rest = (page2.body as { data: { posts: { id: string }[] } }).data.posts;
    expect(rest.map((post) => post.id)).toEqual(ids.slice(50));
  });

  it('GetStats { total } on v2 and v2cdn returns the view counter', async () => {
    const post = fake.addPost({ userId: alice.id, views: 10 });
    fake.addReads(post.id, 5);
    for (const url of [fake.urls.v2, fake.urls.v2cdn]) {
      const result = await gql(url, DOCS.statsTotal, { post_id: post.id }, { cookies });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ data: { getStats: { total: 15 } } });
    }
  });

  it('GetStats { total count_by_day } in current mode has no days', async () => {
    const post = fake.addPost({ userId: alice.id });
    fake.addReads(post.id, 3, new Date(NOW.getTime() - 24 * HOUR));
    const result = await gql(fake.urls.v2, DOCS.statsDays, { post_id: post.id }, { cookies });
    expect(result.body).toEqual({ data: { getStats: { total: 3, count_by_day: [] } } });
  });

  it('v3 has no getStats, and v2 has no currentUser: both fail validation, each in its style', async () => {
    const v3 = await gql(fake.urls.v3, DOCS.statsTotal, { post_id: alice.id }, { cookies });
    expect(v3.status).toBe(200);
    expect(v3.text).toBe('');
    const v2 = await gql(fake.urls.v2, DOCS.currentUser, {}, { cookies });
    expect(v2.status).toBe(400);
    expect(v2.body).toMatchObject({
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    const auth = await gql(fake.urls.v2, '{ auth { id username } }', {}, { cookies });
    expect(auth.body).toEqual({ data: { auth: { id: alice.id, username: 'alice' } } });
  });
});
