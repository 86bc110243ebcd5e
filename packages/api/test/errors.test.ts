import { request } from 'node:http';
import { ErrorEnvelope } from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../src/serve.js';
import { seedAlice } from './fixtures.js';
import { buildTestApp, jsonOf, sessionCookie } from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
let cookie: string;

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  await seedAlice(t.models, t.clock.now());
  cookie = await sessionCookie(db.connection, t.clock.now, 'u-alice');
});

function traceRequest(
  url: string,
  cookie: string,
): Promise<{ status: number; allow: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'TRACE', headers: { cookie } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        const allow = response.headers.allow;
        resolve({ status: response.statusCode ?? 0, allow: allow ?? null, body });
      });
    });
    sent.on('error', reject);
    sent.end();
  });
}

/** Asserts the one envelope, and that nothing of a stack or our source leaves the server. */
async function expectEnvelope(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const text = await response.text();
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|\/work\//);
  const body = ErrorEnvelope.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

describe('bad input gets the envelope with the right status, never a 500', () => {
  it('bad dates, listing the bad fields', async () => {
    const body = await expectEnvelope(
      await t.app.request('/api/summary?from=2026-02-30&to=yesterday', { headers: { cookie } }),
      400,
      'invalid-request',
    );
    expect(body.error.details).toEqual({
      issues: [
        { path: 'from', message: 'expected a calendar date as YYYY-MM-DD' },
        { path: 'to', message: 'expected a calendar date as YYYY-MM-DD' },
      ],
    });
  });

  it('a reversed range, a future end and an oversize span', async () => {
    for (const [path, code] of [
      ['/api/stats/daily?from=2026-11-20&to=2026-11-01', 'invalid-range'],
      ['/api/stats/daily?to=2026-12-01', 'invalid-range'],
      ['/api/posts?from=2020-01-01&to=2026-11-22', 'range-too-long'],
      ['/api/posts/p1/daily?from=2026-11-20&to=2026-11-01', 'invalid-range'],
    ] as const) {
      await expectEnvelope(await t.app.request(path, { headers: { cookie } }), 400, code);
    }
  });

  it('an unknown sort, an oversize or non-numeric limit, a garbage cursor', async () => {
    const sort = await expectEnvelope(
      await t.app.request('/api/posts?sort=popularity', { headers: { cookie } }),
      400,
      'invalid-request',
    );
    expect(JSON.stringify(sort.error.details)).toContain('"path":"sort"');
    for (const query of ['limit=101', 'limit=0', 'limit=ten', 'order=sideways', 'format=xml']) {
      const path = query.startsWith('format') ? `/api/export?${query}` : `/api/posts?${query}`;
      await expectEnvelope(
        await t.app.request(path, { headers: { cookie } }),
        400,
        'invalid-request',
      );
    }
    await expectEnvelope(
      await t.app.request('/api/posts?cursor=not-a-cursor', { headers: { cookie } }),
      400,
      'invalid-cursor',
    );
  });

  it('malformed JSON, missing fields, a non-JSON body and an oversize body at login', async () => {
    const post = (body: string, contentType = 'application/json') =>
      t.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
    await expectEnvelope(await post('{"accessToken": '), 400, 'malformed-json');
    const missing = await expectEnvelope(await post('{"accessToken":"a"}'), 400, 'invalid-request');
    expect(JSON.stringify(missing.error.details)).toContain('"path":"refreshToken"');
    await expectEnvelope(await post('[]'), 400, 'invalid-request');
    await expectEnvelope(await post('a=b', 'application/xml'), 415, 'unsupported-media-type');
    await expectEnvelope(
      await post(JSON.stringify({ accessToken: 'a'.repeat(20_000), refreshToken: 'b' })),
      413,
      'payload-too-large',
    );
  });

  it('unknown routes', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api'],
      ['GET', '/api/me/'],
      ['GET', '/api/posts/p1/weekly'],
      ['GET', '/definitely-not-here'],
    ] as const) {
      await expectEnvelope(
        await t.app.request(path, { method, headers: { cookie } }),
        404,
        'not-found',
      );
    }
  });

  it('a method a known path does not take is 405, saying which it does', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/api/me', 'GET, HEAD'],
      ['PUT', '/api/posts/p1', 'GET, HEAD'],
      ['PATCH', '/api/posts/p1/daily', 'GET, HEAD'],
      ['GET', '/api/auth/login', 'POST'],
      ['OPTIONS', '/api/refresh', 'POST'],
    ] as const) {
      const response = await t.app.request(path, { method, headers: { cookie } });
      expect({ method, path, allow: response.headers.get('allow') }).toEqual({
        method,
        path,
        allow,
      });
      const body = await expectEnvelope(response, 405, 'method-not-allowed');
      expect(body.error.details).toEqual({ allowed: allow.split(', ') });
    }
  });

  it('TRACE, which fetch cannot even send, is 405 on a known path and 404 elsewhere', async () => {
    // Over a real socket: the Fetch API refuses to build a TRACE request, node's http does not.
    const server = await startApiServer({ app: t.app, port: 0 });
    try {
      for (const [path, status, allow] of [
        ['/api/summary', 405, 'GET, HEAD'],
        ['/api/posts/p1', 405, 'GET, HEAD'],
        ['/api/auth/demo', 405, 'POST'],
        ['/healthz', 405, 'GET, HEAD'],
        ['/api/nope', 404, null],
      ] as const) {
        const response = await traceRequest(`${server.url}${path}`, cookie);
        expect({ path, status: response.status, allow: response.allow }).toEqual({
          path,
          status,
          allow,
        });
        expect(ErrorEnvelope.parse(JSON.parse(response.body)).error.code).toBe(
          status === 405 ? 'method-not-allowed' : 'not-found',
        );
      }
    } finally {
      await server.close();
    }
  });

  it('a failure inside the server is a bare 500 envelope, its detail only in the log', async () => {
    const app = buildTestApp({ connection: db.connection });
    // The database fails under the handler: the months' read throws.
    const collection = app.models.StatsMonth.collection;
    const original = collection.findOne.bind(collection);
    collection.findOne = (() => {
      throw new Error('disk on fire at /work/secret/path.ts:12');
    }) as unknown as typeof original;
    try {
      const body = await expectEnvelope(
        await app.app.request('/api/stats/daily', { headers: { cookie } }),
        500,
        'internal-error',
      );
      expect(body.error.message).toBe('Something went wrong on our side.');
      expect(app.logs.text()).toContain('disk on fire');
    } finally {
      collection.findOne = original;
    }
  });

  it('a 503 is logged as a refusal at warn, without a stack, never at error', async () => {
    const app = buildTestApp({ connection: db.connection });
    const collection = app.models.StatsMonth.collection;
    const original = collection.findOne.bind(collection);
    collection.findOne = (() => {
      throw Object.assign(new Error('This socket has been ended by the other party'), {
        code: 'EPIPE',
      });
    }) as unknown as typeof original;
    try {
      await expectEnvelope(
        await app.app.request('/api/stats/daily', { headers: { cookie } }),
        503,
        'database-unavailable',
      );
    } finally {
      collection.findOne = original;
    }
    const lines = app.logs
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: unknown });
    const refused = lines.filter((line) => line.msg === 'request refused: not available now');
    expect(refused).toEqual([
      expect.objectContaining({
        level: 40,
        code: 'database-unavailable',
        path: '/api/stats/daily',
      }),
    ]);
    expect(refused[0]?.err).toBeUndefined();
    expect(lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
  });

  it('a response that breaks its own schema is our 500, not the client’s 400', async () => {
    await db.connection.collection('users').insertOne({
      _id: 'u-broken' as never,
      username: 'broken',
      isDemo: false,
      authStatus: 'active',
      tokens: null,
      scrape: {},
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    });
    // A document written without the optional fields still reads fine…
    const broken = await sessionCookie(db.connection, t.clock.now, 'u-broken');
    const me = await t.app.request('/api/me', { headers: { cookie: broken } });
    expect(me.status).toBe(200);
    expect((await jsonOf(me)).user).toMatchObject({ displayName: 'broken', thumbnail: null });
    // …but a figure no schema allows is a bug of ours, reported as such.
    await db.connection.collection('stats_months').insertOne({
      _id: 'u-broken:2026-11' as never,
      userId: 'u-broken',
      month: '2026-11',
      // The stored form (packages/store/src/months/month-codec.ts): counters come from `open`.
      open: JSON.stringify({ '0': [-5, 0] }),
      posts: JSON.stringify({ '0': { id: 'bad', f: '2026-11-22' } }),
      days: {},
      last: '2026-11-22',
      lastEnd: t.clock.now(),
      next: 1,
    });
    await expectEnvelope(
      await t.app.request('/api/posts', { headers: { cookie: broken } }),
      500,
      'internal-error',
    );
    expect(t.logs.text()).toContain('response does not match its schema');
  });
});
