import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAlice, seedDemo } from './fixtures.js';
import {
  buildTestApp,
  cookieFrom,
  errorCodeOf,
  fromAddress,
  jsonOf,
  sessionCookie,
} from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  await seedAlice(t.models, t.clock.now());
  await seedDemo(t.models, t.clock.now());
});

async function demoCookie(): Promise<string> {
  const response = await t.app.request('/api/auth/demo', { method: 'POST' });
  expect(response.status).toBe(200);
  return cookieFrom(response);
}

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Lax cookie holding a random id, stored only as a hash', async () => {
    const response = await t.app.request('/api/auth/demo', { method: 'POST' });
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(
      /^vi_session=[A-Za-z0-9_-]{43}; Max-Age=7200; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const id = cookieFrom(response).split('=')[1] as string;
    const stored = await db.connection.collection('sessions').find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(id);
    expect(stored.length).toBeGreaterThan(0);
  });

  it('marks the cookie Secure when the page came over https, directly or via a trusted proxy', async () => {
    const direct = await t.app.request('https://insights.example/api/auth/demo', {
      method: 'POST',
    });
    expect(direct.headers.get('set-cookie')).toContain('; Secure');

    const proxied = buildTestApp({ connection: db.connection, config: { trustProxy: true } });
    const behindProxy = await proxied.app.request('/api/auth/demo', {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(behindProxy.headers.get('set-cookie')).toContain('; Secure');
    // Without trust, the same header is just something the client said.
    const untrusted = await t.app.request('/api/auth/demo', {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(untrusted.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('answers 401 without a session, with a forged one, and with an expired one', async () => {
    const missing = await t.app.request('/api/me');
    expect(missing.status).toBe(401);
    expect(await errorCodeOf(missing)).toBe('session-required');

    for (const forged of ['vi_session=forged', `vi_session=${'A'.repeat(43)}`]) {
      const response = await t.app.request('/api/summary', { headers: { cookie: forged } });
      expect(response.status).toBe(401);
      expect(await errorCodeOf(response)).toBe('session-invalid');
    }

    const cookie = await sessionCookie(db.connection, t.clock.now, 'u-alice', 60_000);
    expect((await t.app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    t.clock.advance(60_000);
    const expired = await t.app.request('/api/me', { headers: { cookie } });
    expect(expired.status).toBe(401);
    expect(await errorCodeOf(expired)).toBe('session-invalid');
    expect(expired.headers.get('set-cookie')).toContain('vi_session=;');
  });

  it('signs in with the live one of several vi_session cookies, never out for a junk one', async () => {
    const live = await sessionCookie(db.connection, t.clock.now, 'u-alice');
    const unknown = `vi_session=${'A'.repeat(43)}`;
    for (const cookie of [
      `vi_session=bad; ${live}`,
      `${unknown}; ${live}`,
      `${live}; vi_session=bad`,
      `theme=dark; vi_session=; ${live}`,
    ]) {
      const response = await t.app.request('/api/me', { headers: { cookie } });
      expect({ cookie, status: response.status }).toEqual({ cookie, status: 200 });
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const junkOnly = await t.app.request('/api/me', {
      headers: { cookie: `vi_session=bad; ${unknown}` },
    });
    expect(junkOnly.status).toBe(401);
    expect(junkOnly.headers.get('set-cookie')).toContain('vi_session=;');

    // Signing out ends the live one too, whichever place it had in the header.
    const logout = await t.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: `vi_session=bad; ${live}` },
    });
    expect(logout.status).toBe(204);
    expect((await t.app.request('/api/me', { headers: { cookie: live } })).status).toBe(401);
  });

  it('never accepts a velog token as a session', async () => {
    const velogLike = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidS1hbGljZSJ9.c2ln';
    for (const cookie of [`vi_session=${velogLike}`, `access_token=${velogLike}`]) {
      expect((await t.app.request('/api/me', { headers: { cookie } })).status).toBe(401);
    }
    expect(
      (await t.app.request('/api/me', { headers: { authorization: `Bearer ${velogLike}` } }))
        .status,
    ).toBe(401);
  });

  it('revokes the session at logout', async () => {
    const cookie = await demoCookie();
    expect((await t.app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    const logout = await t.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^vi_session=; Max-Age=0/);
    expect((await t.app.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });

  it('ends the old session when a browser signs in again', async () => {
    const first = await demoCookie();
    const again = await t.app.request('/api/auth/demo', {
      method: 'POST',
      headers: { cookie: first },
    });
    expect(cookieFrom(again)).not.toBe(first);
    expect((await t.app.request('/api/me', { headers: { cookie: first } })).status).toBe(401);
  });
});

describe('the demo', () => {
  it('is a read-only session on a user without tokens', async () => {
    const cookie = await demoCookie();
    const me = await jsonOf(await t.app.request('/api/me', { headers: { cookie } }));
    expect(me.user).toMatchObject({ id: 'demo', isDemo: true, authStatus: 'active' });
    const refresh = await t.app.request('/api/refresh', { method: 'POST', headers: { cookie } });
    expect(refresh.status).toBe(403);
    expect(await errorCodeOf(refresh)).toBe('demo-read-only');
    const demo = await t.models.User.findById('demo').lean();
    expect(demo?.scrape.requestedAt).toBeNull();
    expect(demo?.tokens).toBeNull();
  });

  it('answers 503 while the demo history is still being generated', async () => {
    // As the demo writer leaves it mid-way through a first start: the writer is there, but its
    // history is not finished (`scrape.lastFinishedAt` not yet set).
    const finished = (await t.models.User.findById('demo').lean())?.scrape.lastFinishedAt;
    await t.models.User.updateOne({ _id: 'demo' }, { $unset: { 'scrape.lastFinishedAt': 1 } });
    try {
      const response = await t.app.request('/api/auth/demo', { method: 'POST' });
      expect(response.status).toBe(503);
      expect((await jsonOf(response)).error).toMatchObject({
        code: 'demo-unavailable',
        message: expect.stringContaining('being prepared'),
      });
      expect(response.headers.get('set-cookie')).toBeNull();
      // The page waits and asks again by itself; the header says when.
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await t.models.User.updateOne(
        { _id: 'demo' },
        { $set: { 'scrape.lastFinishedAt': finished } },
      );
    }
  });

  it('rate-limits demo sign-ins per client address, before any session is written', async () => {
    const limited = buildTestApp({
      connection: db.connection,
      config: { demoLoginRateLimit: { max: 3, windowMs: 60_000 } },
    });
    const demo = (address: string) =>
      limited.app.request('/api/auth/demo', { method: 'POST' }, fromAddress(address));
    const sessions = db.connection.collection('sessions');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await demo('10.1.0.1')).status).toBe(200);
    }
    const stored = await sessions.countDocuments();

    const refused = await demo('10.1.0.1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((await jsonOf(refused)).error).toEqual({
      code: 'rate-limited',
      message: expect.any(String),
      details: { retryAfterSeconds: 60 },
    });
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await sessions.countDocuments()).toBe(stored);
    const metrics = await (await limited.app.request('/metrics')).text();
    expect(metrics).toContain('api_logins_total{kind="demo",outcome="rate-limited"} 1');

    // Another address is not held back by this one, nor is token sign-in from this one.
    expect((await demo('10.1.0.2')).status).toBe(200);
    const token = await limited.app.request(
      '/api/auth/login',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
      fromAddress('10.1.0.1'),
    );
    expect(token.status).toBe(400);
    limited.clock.advance(60_000);
    expect((await demo('10.1.0.1')).status).toBe(200);
  });

  it('lasts two hours, not a day', async () => {
    const own = buildTestApp({ connection: db.connection });
    const response = await own.app.request('/api/auth/demo', { method: 'POST' });
    expect(response.headers.get('set-cookie')).toContain('; Max-Age=7200;');
    const cookie = cookieFrom(response);
    own.clock.advance(2 * 3_600_000 - 1_000);
    expect((await own.app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    own.clock.advance(1_000);
    expect((await own.app.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });

  it('answers 503 when no demo writer exists', async () => {
    await t.models.User.updateOne({ _id: 'demo' }, { $set: { isDemo: false } });
    try {
      const response = await t.app.request('/api/auth/demo', { method: 'POST' });
      expect(response.status).toBe(503);
      expect(await errorCodeOf(response)).toBe('demo-unavailable');
    } finally {
      await t.models.User.updateOne({ _id: 'demo' }, { $set: { isDemo: true } });
    }
  });
});

describe('refresh', () => {
  it('asks the worker for a scrape, then throttles with Retry-After', async () => {
    const cookie = await sessionCookie(db.connection, t.clock.now, 'u-alice');
    const first = await t.app.request('/api/refresh', { method: 'POST', headers: { cookie } });
    expect(first.status).toBe(202);
    const alice = await t.models.User.findById('u-alice').lean();
    expect(alice?.scrape.requestedAt?.getTime()).toBe(t.clock.now().getTime());

    t.clock.advance(20_000);
    const second = await t.app.request('/api/refresh', { method: 'POST', headers: { cookie } });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('40');
    expect(await errorCodeOf(second)).toBe('refresh-throttled');

    t.clock.advance(40_000);
    expect(
      (await t.app.request('/api/refresh', { method: 'POST', headers: { cookie } })).status,
    ).toBe(202);

    // A writer whose tokens velog stopped accepting sees it, and must sign in again first.
    await t.models.User.updateOne({ _id: 'u-alice' }, { $set: { authStatus: 'reauth-required' } });
    const me = await jsonOf(await t.app.request('/api/me', { headers: { cookie } }));
    expect(me.user.authStatus).toBe('reauth-required');
    t.clock.advance(60_000);
    const blocked = await t.app.request('/api/refresh', { method: 'POST', headers: { cookie } });
    expect(blocked.status).toBe(409);
    expect(await errorCodeOf(blocked)).toBe('reauth-required');
  });
});

describe('cross-site requests and headers', () => {
  it('rejects state-changing requests from another site', async () => {
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'http://localhost' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'text/plain' },
    ];
    for (const headers of attempts) {
      const response = await t.app.request('/api/auth/demo', { method: 'POST', headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await errorCodeOf(response)).toBe('cross-site-request');
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const cookie = await demoCookie();
    const logout = await t.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(logout.status).toBe(403);
    expect((await t.app.request('/api/me', { headers: { cookie } })).status).toBe(200);
  });

  it('lets the page’s own requests through', async () => {
    const allowed: Record<string, string>[] = [
      { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
      { origin: 'http://localhost' },
      {},
    ];
    for (const headers of allowed) {
      const response = await t.app.request('/api/auth/demo', { method: 'POST', headers });
      expect(response.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('sets security headers on every answer, errors included', async () => {
    for (const path of ['/healthz', '/api/me', '/api/nope']) {
      const response = await t.app.request(path);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
    expect((await t.app.request('/api/me')).headers.get('cache-control')).toBe('no-store');
  });
});
