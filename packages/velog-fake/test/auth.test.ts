import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Endpoint, startVelogFake, type VelogFake } from '../src/index.js';
import { cookiesSet, DOCS, gql, postRaw } from './http.js';

const NOW = new Date('2026-11-22T03:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

let fake: VelogFake;
let alice: { id: string; username: string };
let postId: string;

beforeEach(async () => {
  fake = await startVelogFake({ now: NOW });
  alice = fake.addUser({ username: 'alice' });
  postId = fake.addPost({ userId: alice.id, views: 7 }).id;
});

afterEach(async () => {
  await fake.close();
});

/** One request per endpoint that shows who it ran as. */
const whoAmI: Record<Endpoint, { doc: string; signedIn: (body: unknown) => boolean }> = {
  v3: {
    doc: DOCS.currentUser,
    signedIn: (body) => (body as { data: { currentUser: unknown } }).data.currentUser !== null,
  },
  v2: {
    doc: '{ auth { id } }',
    signedIn: (body) => (body as { data: { auth: unknown } }).data.auth !== null,
  },
  v2cdn: {
    doc: '{ auth { id } }',
    signedIn: (body) => (body as { data: { auth: unknown } }).data.auth !== null,
  },
};

describe.each(['v3', 'v2', 'v2cdn'] as const)('the refresh rule over HTTP on %s', (endpoint) => {
  const url = () => fake.urls[endpoint];
  const { doc, signedIn } = whoAmI[endpoint];
  const headerCount = endpoint === 'v3' ? 2 : 4;

  it('sends nothing back for a fresh access token', async () => {
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 3600 });
    const result = await gql(url(), doc, {}, { cookies: { access_token: tokens.accessToken } });
    expect(signedIn(result.body)).toBe(true);
    expect(result.setCookie).toEqual([]);
  });

  it('refreshes an access token with under 30 minutes left, echoing the refresh token', async () => {
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 3600 });
    fake.advance(31 * MIN);
    const result = await gql(
      url(),
      doc,
      {},
      {
        cookies: { access_token: tokens.accessToken, refresh_token: tokens.refreshToken },
      },
    );
    expect(signedIn(result.body)).toBe(true);
    expect(result.setCookie).toHaveLength(headerCount);
    const jar = cookiesSet(result.setCookie);
    expect(jar.refresh_token).toBe(tokens.refreshToken);
    const issued = fake.verifyToken(jar.access_token ?? '');
    expect(issued).toMatchObject({ user_id: alice.id, sub: 'access_token' });
    const lifetime = endpoint === 'v3' ? 24 * 3600 : 3600;
    expect(Number(issued?.exp) - Number(issued?.iat)).toBe(lifetime);
    if (endpoint === 'v3') {
      expect(result.setCookie[0]).toMatch(
        /; Max-Age=86400; Domain=\.velog\.io; Path=\/; HttpOnly$/,
      );
    } else {
      expect(result.setCookie.filter((c) => c.includes('domain=.velog.io'))).toHaveLength(2);
      expect(result.setCookie.every((c) => /; expires=\w{3}, /.test(c))).toBe(true);
    }
  });

  it('rotates a refresh token with under 23 days left and signs in with the new pair', async () => {
    const tokens = fake.mintTokens(alice.id, { issuedAt: new Date(NOW.getTime() - 8 * DAY) });
    const result = await gql(url(), doc, {}, { cookies: { refresh_token: tokens.refreshToken } });
    expect(signedIn(result.body)).toBe(true);
    const jar = cookiesSet(result.setCookie);
    expect(jar.refresh_token).not.toBe(tokens.refreshToken);
    const rotated = fake.verifyToken(jar.refresh_token ?? '');
    // Both keep the original id; v3 writes it under token_Id (sic).
    const originalId = fake.verifyToken(tokens.refreshToken)?.token_id;
    expect(rotated?.[endpoint === 'v3' ? 'token_Id' : 'token_id']).toBe(originalId);
    const next = await gql(url(), endpoint === 'v2cdn' ? `${doc} ` : doc, {}, { cookies: jar });
    expect(signedIn(next.body)).toBe(true);
    expect(next.setCookie).toEqual([]);
  });

  it('runs anonymously when both tokens are dead; only v3 clears the cookies', async () => {
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 60, refreshTtlSeconds: 120 });
    fake.advance(121_000);
    const result = await gql(
      url(),
      doc,
      {},
      {
        cookies: { access_token: tokens.accessToken, refresh_token: tokens.refreshToken },
      },
    );
    expect(result.status).toBe(200);
    expect(signedIn(result.body)).toBe(false);
    if (endpoint === 'v3') {
      expect(result.setCookie).toHaveLength(2);
      expect(cookiesSet(result.setCookie)).toEqual({ access_token: '', refresh_token: '' });
    } else {
      expect(result.setCookie).toEqual([]);
    }
  });

  it('with a still-valid access token under 30 minutes and a dead refresh token, only v2 keeps the user', async () => {
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 3600, refreshTtlSeconds: 600 });
    fake.advance(40 * MIN); // the access token has 20 minutes left; the refresh token is dead
    const cookies = { access_token: tokens.accessToken, refresh_token: tokens.refreshToken };
    const result = await gql(url(), doc, {}, { cookies });
    expect(result.status).toBe(200);
    if (endpoint === 'v3') {
      expect(signedIn(result.body)).toBe(false);
      expect(result.setCookie).toEqual([
        'access_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
        'refresh_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
      ]);
    } else {
      expect(signedIn(result.body)).toBe(true);
      expect(result.setCookie).toEqual([]);
    }
  });

  it('accepts a v3-style refresh token with token_Id or with no id', async () => {
    for (const refreshIdField of ['token_Id', 'none'] as const) {
      const tokens = fake.mintTokens(alice.id, { refreshIdField });
      const result = await gql(
        url(),
        `${doc}${' '.repeat(refreshIdField.length)}`,
        {},
        {
          cookies: { refresh_token: tokens.refreshToken },
        },
      );
      expect(signedIn(result.body)).toBe(true);
    }
  });
});

describe('the refresh rule runs on every operation', () => {
  it('refreshes on posts, getStats, and even on a query that fails validation', async () => {
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 60 });
    fake.advance(61_000);
    const cookies = { access_token: tokens.accessToken, refresh_token: tokens.refreshToken };
    const posts = await gql(
      fake.urls.v3,
      DOCS.velogPosts,
      { input: { username: 'alice' } },
      { cookies },
    );
    expect(posts.setCookie).toHaveLength(2);
    const stats = await gql(fake.urls.v2, DOCS.statsTotal, { post_id: postId }, { cookies });
    expect(stats.body).toEqual({ data: { getStats: { total: 7 } } });
    expect(stats.setCookie).toHaveLength(4);
    const invalid = await gql(fake.urls.v2, '{ getStats(post_id: "x") { nope } }', {}, { cookies });
    expect(invalid.status).toBe(400);
    expect(invalid.setCookie).toHaveLength(4);
    // v3's refresh hook runs before Mercurius parses, so its empty 200 still sets the cookies.
    const silent = await gql(fake.urls.v3, '{ currentUser { nope } }', {}, { cookies });
    expect(silent.status).toBe(200);
    expect(silent.text).toBe('');
    expect(silent.setCookie).toHaveLength(2);
  });

  it('two refreshes with the same refresh token both succeed', async () => {
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 60 });
    fake.advance(61_000);
    const cookies = { access_token: tokens.accessToken, refresh_token: tokens.refreshToken };
    const [a, b] = await Promise.all([
      gql(fake.urls.v3, DOCS.currentUser, {}, { cookies }),
      gql(fake.urls.v3, DOCS.currentUser, {}, { cookies }),
    ]);
    expect(a.body).toMatchObject({ data: { currentUser: { id: alice.id } } });
    expect(b.body).toMatchObject({ data: { currentUser: { id: alice.id } } });
  });

  it('a dead session silently hides private posts instead of failing', async () => {
    fake.addPost({ userId: alice.id, status: 'private', title: 'secret' });
    const live = fake.mintTokens(alice.id);
    const input = { input: { username: 'alice' } };
    const signed = await gql(fake.urls.v3, DOCS.velogPosts, input, {
      cookies: { access_token: live.accessToken },
    });
    expect((signed.body as { data: { posts: unknown[] } }).data.posts).toHaveLength(2);
    const dead = await gql(fake.urls.v3, DOCS.velogPosts, input, {
      cookies: { access_token: 'expired.garbage.token' },
    });
    expect(dead.status).toBe(200);
    expect((dead.body as { data: { posts: unknown[] } }).data.posts).toHaveLength(1);
  });
});

describe('v3 Origin check', () => {
  it.each([
    'https://evil.example',
    'http://velog.io',
    'https://velog.io.evil.example',
    'https://evilvelog.io',
    'null',
  ])('answers Origin %s with an empty HTTP 200 before the refresh runs', async (origin) => {
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 60 });
    fake.advance(61_000);
    const result = await gql(
      fake.urls.v3,
      DOCS.currentUser,
      {},
      {
        origin,
        cookies: { access_token: tokens.accessToken, refresh_token: tokens.refreshToken },
      },
    );
    expect(result.status).toBe(200);
    expect(result.text).toBe('');
    expect(result.setCookie).toEqual([]);
  });

  it.each(['https://velog.io', 'https://v3.velog.io', 'https://www.velog.io'])(
    'lets %s through',
    async (origin) => {
      const ok = await gql(fake.urls.v3, DOCS.currentUser, {}, { origin });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ data: { currentUser: null } });
    },
  );

  it('lets no Origin through; v2 does not check', async () => {
    const none = await gql(fake.urls.v3, DOCS.currentUser);
    expect(none.body).toEqual({ data: { currentUser: null } });
    const v2 = await gql(fake.urls.v2, '{ auth { id } }', {}, { origin: 'https://evil.example' });
    expect(v2.status).toBe(200);
    expect(v2.body).toEqual({ data: { auth: null } });
  });

  it("answers Fastify's own refusals (not JSON, broken JSON) with an empty HTTP 200 too", async () => {
    for (const [body, contentType] of [
      ['query=1', 'text/plain'],
      ['{"query":', 'application/json'],
    ] as const) {
      const result = await postRaw(fake.urls.v3, body, { contentType });
      expect(result.status).toBe(200);
      expect(result.text).toBe('');
    }
  });
});
