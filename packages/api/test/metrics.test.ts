import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAlice } from './fixtures.js';
import { buildTestApp, sessionCookie } from './support.js';

const db = useTestDatabase();
let dashboardDir: string;
let t: ReturnType<typeof buildTestApp>;
let cookie: string;

beforeAll(async () => {
  // With the page served, as in production: its `*` handler matches every GET after the API's.
  dashboardDir = await mkdtemp(join(tmpdir(), 'velog-insights-metrics-'));
  await mkdir(join(dashboardDir, 'assets'));
  await writeFile(join(dashboardDir, 'index.html'), '<!doctype html><title>page</title>');
  await writeFile(join(dashboardDir, 'assets', 'app.js'), 'console.log(1)');
  t = buildTestApp({ connection: db.connection, config: { dashboardDir } });
  await seedAlice(t.models, t.clock.now());
  cookie = await sessionCookie(db.connection, t.clock.now, 'u-alice');
});

afterAll(async () => {
  if (dashboardDir) await rm(dashboardDir, { recursive: true, force: true });
});

/** `route` label → requests counted under it, from /metrics. */
async function requestsByRoute(): Promise<Map<string, number>> {
  const text = await (await t.app.request('/metrics')).text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^http_requests_total\{([^}]*)\} (\d+)$/gm)) {
    const route = /route="([^"]*)"/.exec(match[1] as string)?.[1] as string;
    const method = /method="([^"]*)"/.exec(match[1] as string)?.[1] as string;
    const status = /status="([^"]*)"/.exec(match[1] as string)?.[1] as string;
    const key = `${method} ${route} ${status}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(match[2]));
  }
  return counts;
}

describe('/metrics labels requests by the route that answered', () => {
  it('tells the dashboard’s endpoints apart, by pattern, and puts everything else in one label', async () => {
    const ask = (path: string, init: RequestInit = {}) =>
      t.app.request(path, { ...init, headers: { cookie, ...init.headers } });
    for (const path of [
      '/api/summary',
      '/api/stats/daily',
      '/api/posts',
      '/api/posts/p1',
      '/api/posts/p2',
      '/api/posts/p1/daily',
    ]) {
      expect((await ask(path)).status).toBe(200);
    }
    // A middleware for every /api path answers this one; it is still the login's request.
    expect(
      (
        await ask('/api/auth/login', {
          method: 'POST',
          headers: { origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(403);
    for (let n = 0; n < 20; n += 1) await ask(`/api/nope-${n}`);
    expect((await ask('/assets/app.js')).status).toBe(200);
    expect((await ask('/api/me', { method: 'FROBNICATE' })).status).toBeGreaterThanOrEqual(400);

    const counts = await requestsByRoute();
    expect(counts.get('GET /api/summary 200')).toBe(1);
    expect(counts.get('GET /api/stats/daily 200')).toBe(1);
    expect(counts.get('GET /api/posts 200')).toBe(1);
    // The pattern, not the id: one series however many posts are asked for.
    expect(counts.get('GET /api/posts/:postId 200')).toBe(2);
    expect(counts.get('GET /api/posts/:postId/daily 200')).toBe(1);
    expect(counts.get('POST /api/auth/login 403')).toBe(1);
    expect(counts.get('GET other 404')).toBe(20);
    expect(counts.get('GET other 200')).toBe(1);
    const labels = [...counts.keys()].join('\n');
    expect(labels).not.toContain('nope');
    expect(labels).not.toContain('p1');
    expect(labels).not.toContain('FROBNICATE');
  });
});
