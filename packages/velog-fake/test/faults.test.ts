import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startVelogFake, type VelogFake } from '../src/index.js';
import { DOCS, gql } from './http.js';

const NOW = new Date('2026-11-22T03:00:00Z');

let fake: VelogFake;
let cookies: Record<string, string>;
let postA: string;
let postB: string;

beforeEach(async () => {
  fake = await startVelogFake({ now: NOW });
  const alice = fake.addUser({ username: 'alice' });
  const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 60 });
  fake.advance(61_000); // every request below also refreshes
  cookies = { access_token: tokens.accessToken, refresh_token: tokens.refreshToken };
  postA = fake.addPost({ userId: alice.id, views: 1 }).id;
  postB = fake.addPost({ userId: alice.id, views: 2 }).id;
});

afterEach(async () => {
  await fake.close();
});

const stats = (url: string, postId: string, signal?: AbortSignal) =>
  gql(url, DOCS.statsTotal, { post_id: postId }, { cookies, ...(signal ? { signal } : {}) });

describe('faults', () => {
  it.each([502, 503, 504] as const)('http-error %i answers an HTML page', async (status) => {
    fake.injectFault({ operation: 'getStats', kind: 'http-error', status });
    const result = await stats(fake.urls.v2cdn, postA);
    expect(result.status).toBe(status);
    expect(result.contentType).toBe('text/html');
    expect(result.text).toContain(`<h1>${status}`);
    expect(result.setCookie).toEqual([]);
  });

  it('statement-timeout in v2 style: HTTP 200, INTERNAL_SERVER_ERROR, 57014', async () => {
    fake.injectFault({ operation: 'getStats', endpoint: 'v2', kind: 'statement-timeout' });
    const result = await stats(fake.urls.v2, postA);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      errors: [
        {
          message: 'canceling statement due to statement timeout',
          path: ['getStats'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { code: '57014' } },
        },
      ],
      data: { getStats: null },
    });
    // The refresh ran before the resolver timed out.
    expect(result.setCookie).toHaveLength(4);
  });

  it('statement-timeout in v3 style: HTTP 500 with data null', async () => {
    fake.injectFault({ operation: 'posts', kind: 'statement-timeout' });
    const result = await gql(fake.urls.v3, DOCS.velogPosts, { input: { username: 'alice' } });
    expect(result.status).toBe(500);
    expect(result.body).toMatchObject({ data: null, errors: [{ path: ['posts'] }] });
    expect(result.text).toContain('canceling statement due to statement timeout');
    expect(result.text).toContain('57014');
  });

  it('statement-timeout in the other server’s style when the fault asks for it', async () => {
    fake.injectFault({ operation: 'posts', kind: 'statement-timeout', style: 'v2', times: 1 });
    fake.injectFault({ operation: 'getStats', kind: 'statement-timeout', style: 'v3', times: 1 });
    const posts = await gql(fake.urls.v3, DOCS.velogPosts, { input: { username: 'alice' } });
    expect(posts.status).toBe(200);
    expect(posts.body).toMatchObject({
      errors: [
        {
          message: 'canceling statement due to statement timeout',
          path: ['posts'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { code: '57014' } },
        },
      ],
      data: null,
    });
    const result = await stats(fake.urls.v2, postA);
    expect(result.status).toBe(500);
    expect(result.body).toMatchObject({ data: null, errors: [{ path: ['getStats'] }] });
    expect(result.text).toContain('57014');
    // The refresh ran before the resolver, whichever style the error takes.
    expect(result.setCookie).toHaveLength(4);
    expect((await stats(fake.urls.v2, postA)).body).toEqual({ data: { getStats: { total: 1 } } });
  });

  it.each(['v3', 'v2', 'v2cdn'] as const)(
    'empty-200 on %s: HTTP 200, no body, no Set-Cookie',
    async (endpoint) => {
      fake.injectFault({ operation: '*', endpoint, kind: 'empty-200', times: 1 });
      const url = fake.urls[endpoint];
      const result =
        endpoint === 'v3'
          ? await gql(url, DOCS.currentUser, {}, { cookies })
          : await stats(url, postA);
      expect(result.status).toBe(200);
      expect(result.text).toBe('');
      expect(result.setCookie).toEqual([]);
      expect(fake.journal()[0]).toMatchObject({ status: 200, setCookie: [] });
    },
  );

  it('fails the first N calls, then succeeds', async () => {
    fake.injectFault({ operation: 'getStats', kind: 'http-error', status: 503, times: 2 });
    expect((await stats(fake.urls.v2, postA)).status).toBe(503);
    expect((await stats(fake.urls.v2, postA)).status).toBe(503);
    expect((await stats(fake.urls.v2, postA)).body).toEqual({ data: { getStats: { total: 1 } } });
  });

  it('faults only the post named', async () => {
    fake.injectFault({ operation: 'getStats', postId: postB, kind: 'statement-timeout' });
    expect((await stats(fake.urls.v2, postA)).body).toEqual({ data: { getStats: { total: 1 } } });
    expect((await stats(fake.urls.v2, postB)).body).toMatchObject({ data: { getStats: null } });
  });

  it('faults only the endpoint named, and clearFaults removes one', async () => {
    const id = fake.injectFault({ operation: '*', endpoint: 'v3', kind: 'http-error' });
    expect((await stats(fake.urls.v2, postA)).status).toBe(200);
    expect((await gql(fake.urls.v3, DOCS.currentUser)).status).toBe(502);
    fake.clearFaults(id);
    expect((await gql(fake.urls.v3, DOCS.currentUser)).status).toBe(200);
  });

  it('reset destroys the connection', async () => {
    fake.injectFault({ operation: 'getStats', kind: 'reset', times: 1 });
    await expect(stats(fake.urls.v2, postA)).rejects.toThrow();
    const [entry] = fake.journal();
    expect(entry?.status).toBe(0);
    expect((await stats(fake.urls.v2, postA)).status).toBe(200);
  });

  it('hang holds the request until the client gives up', async () => {
    fake.injectFault({ operation: 'getStats', kind: 'hang' });
    const controller = new AbortController();
    const pending = stats(fake.urls.v2, postA, controller.signal);
    await waitFor(() => fake.journal().length === 1);
    expect(fake.journal()[0]?.endedAt).toBeNull();
    controller.abort();
    await expect(pending).rejects.toThrow();
    await waitFor(() => fake.journal()[0]?.wallEndedAt !== null);
    expect(fake.journal()[0]).toMatchObject({ status: 0, endedAt: null });
  });

  it('hold keeps the request unanswered until the fault is cleared, then answers it normally', async () => {
    const hold = fake.injectFault({ operation: 'getStats', kind: 'hold', times: 1 });
    let settled = false;
    const pending = stats(fake.urls.v2, postA).finally(() => {
      settled = true;
    });
    await waitFor(() => fake.journal().length === 1);
    // An answer already on its way would have settled within the other request's round trip.
    await stats(fake.urls.v2, postB);
    expect(settled).toBe(false);
    fake.clearFaults(hold);
    expect((await pending).body).toEqual({ data: { getStats: { total: 1 } } });
  });

  it('close() ends hung requests', async () => {
    fake.injectFault({ operation: '*', kind: 'hang' });
    const pending = gql(fake.urls.v3, DOCS.currentUser);
    await waitFor(() => fake.journal().length === 1);
    await fake.close();
    await expect(pending).rejects.toThrow();
  });

  it('delay answers normally, after the delay', async () => {
    fake.injectFault({ operation: 'getStats', kind: 'delay', delayMs: 50, times: 1 });
    const result = await stats(fake.urls.v2, postA);
    expect(result.body).toEqual({ data: { getStats: { total: 1 } } });
    const [entry] = fake.journal();
    expect((entry?.wallEndedAt ?? 0) - (entry?.wallStartedAt ?? 0)).toBeGreaterThanOrEqual(45);
  });

  it('latency applies per endpoint', async () => {
    fake.setLatency('v2', { baseMs: 40, jitterMs: 10 });
    await stats(fake.urls.v2, postA);
    await gql(fake.urls.v3, DOCS.currentUser);
    const [v2, v3] = fake.journal();
    expect((v2?.wallEndedAt ?? 0) - (v2?.wallStartedAt ?? 0)).toBeGreaterThanOrEqual(35);
    expect(v3?.endpoint).toBe('v3');
  });
});

/** Waits on the journal, not on time: the bound is only for a condition that never comes. */
async function waitFor(condition: () => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error('condition not met');
    },
    { timeout: 30_000, interval: 5 },
  );
}
