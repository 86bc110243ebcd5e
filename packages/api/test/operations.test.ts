import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useTestDatabase } from '@velog-insights/testkit';
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, errorCodeOf, jsonOf } from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;

beforeAll(() => {
  t = buildTestApp({ connection: db.connection });
});

describe('health', () => {
  it('/healthz says the process is up', async () => {
    const response = await t.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual({ status: 'ok' });
  });

  it('/readyz pings the database, and answers 503 when it cannot', async () => {
    expect((await t.app.request('/readyz')).status).toBe(200);
    const connection = await mongoose
      .createConnection(db.uri, { dbName: db.dbName, serverSelectionTimeoutMS: 2_000 })
      .asPromise();
    await connection.close();
    const down = buildTestApp({ connection });
    const response = await down.app.request('/readyz');
    expect(response.status).toBe(503);
    expect(await errorCodeOf(response)).toBe('database-unavailable');
  });

  it('/metrics is Prometheus text counting requests by route pattern', async () => {
    await t.app.request('/healthz');
    await t.app.request('/api/posts/some-id');
    const response = await t.app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toMatch(
      /http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]/,
    );
    // The pattern, not the id: one series however many posts are asked for.
    expect(text).toContain('route="/api/posts/:postId",status="401"');
    expect(text).not.toContain('some-id');
    expect(text).toContain('http_request_duration_seconds_bucket');
  });
});

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3 and describes every route', async () => {
    const response = await t.app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = await jsonOf(response);
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    const operations = Object.entries(document.paths as Record<string, object>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'POST /api/auth/login',
        'POST /api/auth/demo',
        'POST /api/auth/logout',
        'GET /api/me',
        'POST /api/refresh',
        'GET /api/summary',
        'GET /api/stats/daily',
        'GET /api/posts',
        'GET /api/posts/{postId}',
        'GET /api/posts/{postId}/daily',
        'GET /api/export',
        'GET /api/insights/launch',
        'GET /api/insights/highlights',
        'GET /api/insights/tags',
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
        'GET /api/openapi.json',
        'GET /api/docs',
        'GET /api/settings',
        'PUT /api/settings',
        'POST /api/settings/email/resend',
        'GET /api/settings/webhook-secret',
        'POST /api/settings/webhook-secret',
        'GET /api/leaderboard',
        'GET /card/{username}.svg',
        'GET /email/verify',
        'GET /unsubscribe',
        'POST /unsubscribe',
      ].sort(),
    );
    const login = document.paths['/api/auth/login'].post;
    expect(Object.keys(login.requestBody.content)).toEqual(['application/json']);
    expect(Object.keys(login.responses).sort()).toEqual(
      ['200', '400', '401', '403', '413', '415', '429', '500', '502', '503'].sort(),
    );
    // Every route that touches the database says it may answer database-unavailable.
    for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
      for (const [method, operation] of Object.entries(item)) {
        if (['/healthz', '/metrics', '/api/openapi.json', '/api/docs'].includes(path)) continue;
        expect({ path, method, has503: '503' in operation.responses }).toEqual({
          path,
          method,
          has503: true,
        });
      }
    }
    const sort = document.paths['/api/posts'].get.parameters.find(
      (parameter: { name: string }) => parameter.name === 'sort',
    );
    expect(sort.schema.enum).toEqual([
      'title',
      'releasedAt',
      'views',
      'periodViews',
      'likes',
      'periodLikes',
    ]);
  });

  it('says what the server checks: a day is a date, a token a cookie value', async () => {
    // Found by fuzzing: the document allowed any string for both, so a client that followed
    // it was answered 400 (a day) or, for a token with a control character, 502.
    const document = await jsonOf(await t.app.request('/api/openapi.json'));
    const from = document.paths['/api/stats/daily'].get.parameters.find(
      (parameter: { name: string }) => parameter.name === 'from',
    );
    // A date, or empty for "not given" (a blank form field).
    const [blank, day] = from.schema.anyOf;
    expect(blank).toEqual({ type: 'string', enum: [''] });
    expect(day).toMatchObject({ type: 'string', format: 'date' });
    expect(new RegExp(day.pattern).test('')).toBe(false);
    expect(new RegExp(day.pattern).test('2026-12-02')).toBe(true);
    const body = document.paths['/api/auth/login'].post.requestBody.content['application/json'];
    for (const token of ['accessToken', 'refreshToken']) {
      const pattern = new RegExp(body.schema.properties[token].pattern);
      expect(pattern.test('eyJhbGciOiJIUzI1NiJ9.e30.sig-_')).toBe(true);
      for (const bad of ['a b', 'a;b', 'a\u0007b', '']) expect(pattern.test(bad)).toBe(false);
    }
  });

  it('has a browsable page', async () => {
    const response = await t.app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<code>/api/posts/{postId}/daily</code>');
    expect(html).not.toContain('<script');
  });
});

describe('the dashboard', () => {
  it('serves the built page at / and its files, never over the API', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashboard-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Velog Insights</title>');
    await writeFile(join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
    // A file that would shadow the API if static files came first.
    await mkdir(join(dir, 'api'));
    await writeFile(join(dir, 'api', 'me'), 'shadow');
    const app = buildTestApp({ connection: db.connection, config: { dashboardDir: dir } }).app;

    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Velog Insights</title>');
    expect(index.headers.get('cache-control')).toBe('no-cache');

    const asset = await app.request('/assets/main-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    const page = await app.request('/posts/p1', { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<title>Velog Insights</title>');

    expect((await app.request('/api/me')).status).toBe(401);
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/missing.js')).status).toBe(404);
  });
});
