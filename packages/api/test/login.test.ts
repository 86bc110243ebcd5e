import { MeResponse, PostListResponse, SummaryResponse } from '@velog-insights/shared';
import { decryptTokenPair, recordScrape } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { createVelogClient, type VelogClient } from '@velog-insights/velog';
import { startVelogFake, type VelogFake } from '@velog-insights/velog-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  cookieFrom,
  errorCodeOf,
  fromAddress,
  jsonOf,
  testClock,
} from './support.js';

const db = useTestDatabase();
let fake: VelogFake;
let velog: VelogClient;
let t: ReturnType<typeof buildTestApp>;

beforeAll(async () => {
  const clock = testClock();
  fake = await startVelogFake({ now: clock.now() });
  velog = createVelogClient({
    v3Url: fake.urls.v3,
    statsUrl: fake.urls.v2,
    timeoutMs: 2_000,
    retries: 1,
    minRetryDelayMs: 1,
    maxRetryDelayMs: 5,
  });
  t = buildTestApp({ connection: db.connection, clock, velog });
});

/** Every token any test here minted, checked against the whole log at the end. */
const minted: string[] = [];
function mint(userId: string, options?: Parameters<VelogFake['mintTokens']>[1]) {
  const tokens = fake.mintTokens(userId, options);
  minted.push(tokens.accessToken, tokens.refreshToken);
  return tokens;
}

afterAll(async () => {
  await velog?.close();
  await fake?.close();
});

function login(body: unknown, address = '10.0.0.1', headers: Record<string, string> = {}) {
  return t.app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    },
    fromAddress(address),
  );
}

describe('POST /api/auth/login', () => {
  it('signs a writer in with minted tokens, and their first scrape shows in the stats', async () => {
    const writer = fake.addUser({ username: 'writer', email: 'writer@example.com' });
    // Released before the writer signed in: their first scrape is a baseline, not a launch.
    const releasedAt = new Date('2026-06-01T00:00:00Z');
    const posts = [
      fake.addPost({ userId: writer.id, title: 'First', views: 120, likes: 4, releasedAt }),
      fake.addPost({ userId: writer.id, title: 'Second', views: 30, likes: 1, releasedAt }),
      fake.addPost({
        userId: writer.id,
        title: 'Hidden',
        views: 7,
        likes: 0,
        status: 'private',
        releasedAt,
      }),
    ];
    fake.addReads(posts[1]?.id as string, 5);
    const tokens = mint(writer.id);

    const response = await login(tokens, '10.0.0.1', { origin: 'http://localhost' });
    expect(response.status).toBe(200);
    const text = await response.text();
    const me = MeResponse.parse(JSON.parse(text));
    expect(me.user).toMatchObject({
      id: writer.id,
      username: 'writer',
      isDemo: false,
      authStatus: 'active',
    });
    // The first scrape was asked for at once.
    expect(me.scrape.requestedAt?.getTime()).toBe(t.clock.now().getTime());

    // Our own session, never velog's tokens: not in the body, not in any header.
    const headerText = JSON.stringify([...response.headers.entries()]);
    for (const secret of [tokens.accessToken, tokens.refreshToken]) {
      expect(text).not.toContain(secret);
      expect(headerText).not.toContain(secret);
    }
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^vi_session=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const cookie = cookieFrom(response);

    // Stored encrypted at rest: the raw tokens are nowhere in the document.
    const stored = await db.connection.collection('users').findOne({ _id: writer.id as never });
    expect(JSON.stringify(stored)).not.toContain(tokens.accessToken);
    expect(JSON.stringify(stored)).not.toContain(tokens.refreshToken);
    const user = await t.models.User.findById(writer.id).lean();
    if (!user?.tokens) throw new Error('tokens were not stored');
    expect(decryptTokenPair(user.tokens, [t.config.tokenKey])).toEqual(tokens);

    const meAgain = await t.app.request('/api/me', { headers: { cookie } });
    expect(meAgain.status).toBe(200);
    expect(MeResponse.parse(await jsonOf(meAgain)).user.id).toBe(writer.id);

    // The first scrape, as the worker writes it: what velog shows of each post, through the
    // store's recordScrape. (The worker picking up the login's request is proved by its own
    // tests and, end to end, by the dashboard's browser test.)
    const counter = (id: string) => {
      const post = fake.store.post(id);
      if (post === null) throw new Error(`the fake has no post ${id}`);
      return post;
    };
    await recordScrape(t.models, {
      userId: writer.id,
      takenAt: t.clock.now(),
      readings: posts.map(({ id }) => ({
        postId: id,
        views: counter(id).views,
        likes: counter(id).likes,
        releasedAt: counter(id).releasedAt,
      })),
      details: posts.map(({ id }) => {
        const { title, urlSlug, tags, releasedAt, updatedAt, isPrivate, commentsCount } =
          counter(id);
        return {
          postId: id,
          title,
          urlSlug,
          tags,
          releasedAt,
          updatedAt,
          isPrivate,
          commentsCount,
        };
      }),
    });

    const summary = SummaryResponse.parse(
      await jsonOf(await t.app.request('/api/summary', { headers: { cookie } })),
    );
    // The fake's own counters, summed: 120 + (30 + 5 reads) + 7 views, 4 + 1 + 0 likes.
    expect(summary.totals).toEqual({
      views: posts.reduce((sum, post) => sum + counter(post.id).views, 0),
      likes: posts.reduce((sum, post) => sum + counter(post.id).likes, 0),
      posts: 3,
    });
    expect(summary.totals.views).toBe(162);
    // The first snapshot is a writer's whole history, not today's gain.
    expect(summary.viewsToday).toBeNull();

    const list = PostListResponse.parse(
      await jsonOf(await t.app.request('/api/posts?sort=views', { headers: { cookie } })),
    );
    expect(list.items.map((row) => [row.id, row.views, row.likes, row.isPrivate])).toEqual(
      [posts[0], posts[1], posts[2]].map((post, index) => [
        post?.id,
        counter(post?.id as string).views,
        counter(post?.id as string).likes,
        index === 2,
      ]),
    );
    expect(list.items.map((row) => row.title)).toEqual(['First', 'Second', 'Hidden']);

    expect(t.logs.text()).toContain('signed in');
    for (const secret of [tokens.accessToken, tokens.refreshToken]) {
      expect(t.logs.text()).not.toContain(secret);
    }
  });

  it('answers 401 velog-auth-failed for tokens velog does not accept', async () => {
    const writer = fake.addUser({ username: 'expired' });
    const expired = mint(writer.id, {
      accessTtlSeconds: 1,
      refreshTtlSeconds: 1,
      issuedAt: new Date(fake.now().getTime() - 3_600_000),
    });
    for (const tokens of [expired, { accessToken: 'garbage', refreshToken: 'garbage' }]) {
      const response = await login(tokens, '10.0.0.2');
      expect(response.status).toBe(401);
      expect(await errorCodeOf(response)).toBe('velog-auth-failed');
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    expect(await t.models.User.findById(writer.id).lean()).toBeNull();
  });

  it('answers 400 for a token no Cookie header can carry, without asking velog', async () => {
    // Found by fuzzing: a control character made the request to velog throw, and the writer
    // was told velog was down (502); a `;` would have added a cookie of the writer's choosing.
    const writer = fake.addUser({ username: 'pasted-badly' });
    const tokens = mint(writer.id);
    fake.resetJournal();
    for (const accessToken of [`${tokens.accessToken}\nx`, 'a\u0007b', 'a; refresh_token=x', 'é']) {
      const response = await login({ ...tokens, accessToken: ` ${accessToken}` }, '10.0.0.5');
      expect(response.status).toBe(400);
      const body = await jsonOf(response);
      expect(body.error.code).toBe('invalid-request');
      expect(body.error.details).toEqual({
        issues: [
          {
            path: 'accessToken',
            message: 'the access_token cookie has no spaces, quotes, commas or semicolons',
          },
        ],
      });
    }
    expect(fake.journal()).toHaveLength(0);
    // Pasted with the spaces around it that a copy brings along, a token still signs in.
    expect(
      (await login({ ...tokens, accessToken: ` ${tokens.accessToken} ` }, '10.0.0.5')).status,
    ).toBe(200);
  });

  it('answers 502 velog-unavailable when velog cannot be reached', async () => {
    const writer = fake.addUser({ username: 'unlucky' });
    const tokens = mint(writer.id);
    const fault = fake.injectFault({ operation: 'currentUser', kind: 'reset' });
    try {
      const response = await login(tokens, '10.0.0.3');
      expect(response.status).toBe(502);
      const body = await jsonOf(response);
      expect(body.error.code).toBe('velog-unavailable');
      expect(JSON.stringify(body)).not.toContain(tokens.accessToken);
    } finally {
      fake.clearFaults(fault);
    }
    expect((await login(tokens, '10.0.0.3')).status).toBe(200);
  });

  it('answers 502 velog-schema-mismatch, once and countably, when velog no longer takes our query', async () => {
    const writer = fake.addUser({ username: 'mismatched' });
    const tokens = mint(writer.id);
    // v2's schema has no currentUser: the validation failure a changed v3 schema would give.
    const changed = createVelogClient({
      v3Url: fake.urls.v2,
      statsUrl: fake.urls.v2,
      timeoutMs: 2_000,
      retries: 3,
      minRetryDelayMs: 1,
      maxRetryDelayMs: 5,
    });
    try {
      const other = buildTestApp({ connection: db.connection, clock: t.clock, velog: changed });
      fake.resetJournal();
      const response = await other.app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(tokens),
        },
        fromAddress('10.0.0.4'),
      );
      expect(response.status).toBe(502);
      const body = await jsonOf(response);
      expect(body.error).toEqual({
        code: 'velog-schema-mismatch',
        message: 'velog changed how it answers; please report',
      });
      expect(fake.journal()).toHaveLength(1);
      expect(other.logs.text()).toContain('velog-schema-mismatch');
      const metrics = await (await other.app.request('/metrics')).text();
      expect(metrics).toContain('api_logins_total{kind="token",outcome="velog-schema-mismatch"} 1');
      expect(metrics).not.toContain('outcome="velog-unavailable"');
    } finally {
      await changed.close();
    }
  });

  it('rate-limits sign-in attempts per client address', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login({}, '10.0.0.9')).status).toBe(400);
    }
    const limited = await login({ accessToken: 'a', refreshToken: 'b' }, '10.0.0.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorCodeOf(limited)).toBe('rate-limited');
    // Another address is not held back by this one.
    expect((await login({}, '10.0.0.10')).status).toBe(400);
    t.clock.advance(t.config.loginRateLimit.windowMs);
    expect((await login({}, '10.0.0.9')).status).toBe(400);
  });

  it('never wrote a minted token to any log line, through successes and failures alike', () => {
    expect(minted.length).toBeGreaterThanOrEqual(6);
    const log = t.logs.text();
    expect(log).toContain('velog could not be reached');
    for (const token of minted) expect(log).not.toContain(token);
  });
});
