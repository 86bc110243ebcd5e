import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, exportUrl } from './api.js';
import { errorMessageKey } from './errors.js';
import { type MessageKey, translator } from './i18n.js';

// These pin how the client reads answers the browser tests cannot provoke from the real API
// (an HTML 502 from a proxy, a body of the wrong shape, a dropped connection).
function answer(body: string | null, init: ResponseInit & { type?: string } = {}) {
  const response = new Response(body, {
    ...init,
    headers: { 'content-type': init.type ?? 'application/json', ...(init.headers ?? {}) },
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => response),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const me = {
  user: {
    id: 'u1',
    username: 'writer',
    displayName: 'Writer',
    thumbnail: null,
    isDemo: false,
    authStatus: 'active',
  },
  scrape: {
    lastScrapeAt: '2026-11-22T15:30:00.000Z',
    lastOutcome: 'ok',
    nextScrapeAt: null,
    requestedAt: null,
    firstSnapshotDay: '2026-11-20',
  },
};

describe('api', () => {
  it('parses a good answer with the shared schema, dates included', async () => {
    answer(JSON.stringify(me));
    const result = await api.me();
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.value.scrape.lastScrapeAt).toEqual(new Date('2026-11-22T15:30:00Z'));
  });

  it('passes the API’s error envelope through, with Retry-After', async () => {
    answer(
      JSON.stringify({
        error: { code: 'refresh-throttled', message: 'a refresh was asked for a moment ago' },
      }),
      { status: 429, headers: { 'retry-after': '90' } },
    );
    expect(await api.refresh()).toEqual({
      ok: false,
      error: {
        status: 429,
        code: 'refresh-throttled',
        message: 'a refresh was asked for a moment ago',
        retryAfter: 90,
      },
    });
  });

  it('turns a proxy’s HTML error page into a status-coded error', async () => {
    answer('<html><body>Bad Gateway</body></html>', {
      status: 502,
      statusText: 'Bad Gateway',
      type: 'text/html',
    });
    const result = await api.me();
    expect(result.ok ? null : result.error).toMatchObject({ status: 502, code: 'http-502' });
    expect(result.ok ? null : errorMessageKey(result.error)).toBe('error.velog-unavailable');
  });

  it('tells a changed velog apart from a velog that is down, though both are 502', async () => {
    answer(
      JSON.stringify({
        error: {
          code: 'velog-schema-mismatch',
          message: 'velog changed how it answers; please report',
        },
      }),
      { status: 502 },
    );
    const result = await api.login({ accessToken: 'a', refreshToken: 'r' });
    expect(result.ok ? null : result.error).toMatchObject({
      status: 502,
      code: 'velog-schema-mismatch',
    });
    const key = result.ok ? null : errorMessageKey(result.error);
    expect(key).toBe('error.velog-schema-mismatch');
    expect(translator('en')(key as MessageKey)).toBe(
      'velog changed how it answers; please report this.',
    );
    expect(translator('ko')(key as MessageKey)).toBe(
      'velog의 응답 형식이 바뀌었습니다. 문제를 알려 주세요.',
    );
  });

  it('refuses a body of the wrong shape instead of drawing it', async () => {
    answer(JSON.stringify({ ...me, user: { ...me.user, authStatus: 'maybe' } }));
    const result = await api.me();
    expect(result.ok ? null : result.error.code).toBe('bad-response');
  });

  it('reports a dropped connection as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const result = await api.me();
    expect(result.ok ? null : result.error).toMatchObject({ status: 0, code: 'network-error' });
  });

  it('sends state changes as same-origin JSON, which the API’s CSRF check expects', async () => {
    answer(null, { status: 204, type: 'text/plain' });
    const result = await api.logout();
    expect(result.ok).toBe(true);
    const [url, init] = vi.mocked(fetch).mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/logout');
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('builds query strings without empty parameters', () => {
    expect(exportUrl('csv', { from: '2026-11-01', to: '2026-11-23' } as never)).toBe(
      '/api/export?format=csv&from=2026-11-01&to=2026-11-23',
    );
  });
});
