import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startVelogFake } from '@velog-insights/velog-fake';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createVelogClient,
  type VelogClient,
  type VelogClientConfig,
  type VelogClientEvent,
} from './client.js';
import { verifyVelogTokens } from './verify.js';

interface Seen {
  url: string;
  origin: string | undefined;
  contentType: string | undefined;
  cookie: string | undefined;
  body: { operationName?: string; variables?: Record<string, unknown> };
}

type Handler = (seen: Seen, res: ServerResponse) => void | Promise<void>;

// A tiny local server standing in for velog, so each test scripts the exact answers it needs.
let server: Server;
let base = '';
let handler: Handler = (_seen, res) => json(res, 200, { data: {} });
const seen: Seen[] = [];
const clients: VelogClient[] = [];

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const entry: Seen = {
      url: req.url ?? '',
      origin: req.headers.origin,
      contentType: req.headers['content-type'],
      cookie: req.headers.cookie,
      body: JSON.parse(await readBody(req)),
    };
    seen.push(entry);
    const answered = handler(entry, res);
    onArrival();
    await answered;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  seen.length = 0;
  onArrival = () => {};
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(config: Partial<VelogClientConfig> = {}): VelogClient {
  const created = createVelogClient({
    v3Url: `${base}/v3`,
    statsUrl: `${base}/v2`,
    timeoutMs: 1_000,
    retries: 2,
    minRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    ...config,
  });
  clients.push(created);
  return created;
}

/** Lets every continuation already due run (a request the gate let through is sent by then). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves once `condition` holds, re-checked after every request the server receives. */
let onArrival: () => void = () => {};
function arrived(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      onArrival = () => {};
      resolve();
    };
    onArrival = check;
    check();
  });
}

const tokens = { accessToken: 'a1', refreshToken: 'r1' };
const stats = (total: number) => ({ data: { getStats: { total } } });
const html = (res: ServerResponse, status: number) => {
  res.writeHead(status, { 'content-type': 'text/html' });
  res.end('<html><body>Bad Gateway</body></html>');
};

describe('the velog client', () => {
  it('sends JSON with velog’s Origin and only the session’s own cookies, to the right endpoint', async () => {
    handler = (_s, res) => json(res, 200, stats(5));
    const velog = client();
    const alice = velog.openSession(tokens);
    const bob = velog.openSession({ accessToken: 'b1', refreshToken: 'rb1' });
    expect(await alice.getStats('p1')).toEqual({ total: 5 });
    await bob.getStats('p2');
    expect(seen.map((s) => [s.url, s.origin, s.contentType, s.cookie])).toEqual([
      ['/v2', 'https://velog.io', 'application/json', 'access_token=a1; refresh_token=r1'],
      ['/v2', 'https://velog.io', 'application/json', 'access_token=b1; refresh_token=rb1'],
    ]);
    expect(seen[0]?.body.variables).toEqual({ post_id: 'p1' });
  });

  it('stores a rotated pair before the next request sends it; cleared cookies sign out, never stored', async () => {
    handler = (s, res) => {
      const headers =
        seen.length === 1
          ? ['access_token=a2; Path=/; Max-Age=86400', 'refresh_token=r2; Path=/; Max-Age=100']
          : ['access_token=; Path=/; Max-Age=0', 'refresh_token=; Path=/; Max-Age=0'];
      json(res, 200, { data: { posts: [] } }, { 'set-cookie': headers });
      void s;
    };
    const stored: string[] = [];
    let storedWhenSecondSent: string[] = [];
    const session = client().openSession(tokens, {
      onTokens: async (pair) => {
        await settle();
        stored.push(`${pair.accessToken}/${pair.refreshToken}`);
      },
    });
    await session.posts({ username: 'alice' });
    storedWhenSecondSent = [...stored];
    // v3 clears the cookies when its refresh fails, and then answered as nobody.
    await expect(session.posts({ username: 'alice', cursor: 'x' })).rejects.toMatchObject({
      kind: 'signed-out',
    });
    expect(storedWhenSecondSent).toEqual(['a2/r2']);
    expect(seen[1]?.cookie).toBe('access_token=a2; refresh_token=r2');
    expect(session.tokens).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
    expect(stored).toEqual(['a2/r2']);
    expect(seen[0]?.body.variables).toEqual({
      input: { cursor: '', username: 'alice', limit: 50 },
    });
  });

  it('waits for a slow persist before a concurrent request sends the new pair', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let persisting: () => void = () => {};
    const persistStarted = new Promise<void>((resolve) => {
      persisting = resolve;
    });
    handler = (_s, res) =>
      json(
        res,
        200,
        stats(1),
        seen.length === 1 ? { 'set-cookie': 'access_token=a2; Path=/' } : {},
      );
    const session = client({ perUserConcurrency: 2 }).openSession(tokens, {
      onTokens: () => {
        persisting();
        return gate;
      },
    });
    const first = session.getStats('p1');
    await persistStarted;
    // A free slot of its own: only the pending store keeps this request back.
    const second = session.getStats('p2');
    await settle();
    // While the store has not confirmed the new pair, nothing else of this session goes out.
    expect(session.requests).toBe(1);
    release();
    await Promise.all([first, second]);
    expect(seen[1]?.cookie).toBe('access_token=a2; refresh_token=r1');
  });

  it('holds no global slot while it waits for a rotated pair to be stored', async () => {
    let release: () => void = () => {};
    const stored = new Promise<void>((resolve) => {
      release = resolve;
    });
    handler = (s, res) =>
      json(
        res,
        200,
        stats(1),
        s.cookie?.includes('access_token=a1') ? { 'set-cookie': 'access_token=a2; Path=/' } : {},
      );
    const velog = client({ concurrency: 1 });
    const alice = velog.openSession(tokens, { onTokens: () => stored });
    const bob = velog.openSession({ accessToken: 'b1', refreshToken: 'rb1' });
    const aliceFirst = alice.getStats('p1');
    const aliceSecond = alice.getStats('p2');
    await arrived(() => seen.length === 1);
    // Alice's store has not answered; with the only global slot kept for her, Bob would hang.
    expect(await bob.getStats('p3')).toEqual({ total: 1 });
    expect(alice.requests).toBe(1);
    release();
    await Promise.all([aliceFirst, aliceSecond]);
    expect(seen.map((s) => s.cookie)).toEqual([
      'access_token=a1; refresh_token=r1',
      'access_token=b1; refresh_token=rb1',
      'access_token=a2; refresh_token=r1',
    ]);
  });

  it('retries HTML 5xx and statement timeouts, then succeeds', async () => {
    handler = (_s, res) => {
      if (seen.length === 1) return html(res, 502);
      if (seen.length === 2)
        return json(res, 200, {
          errors: [
            {
              message: 'canceling statement due to statement timeout',
              extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { code: '57014' } },
            },
          ],
          data: { getStats: null },
        });
      return json(res, 200, stats(9));
    };
    const session = client().openSession(tokens);
    expect(await session.getStats('p1')).toEqual({ total: 9 });
    expect(session.requests).toBe(3);
  });

  it('gives up after its retries with velog-unavailable', async () => {
    handler = (_s, res) => html(res, 503);
    const session = client({ retries: 2 }).openSession(tokens);
    await expect(session.getStats('p1')).rejects.toMatchObject({
      code: 'velog-unavailable',
      status: 502,
      kind: 'transient',
    });
    expect(session.requests).toBe(3);
  });

  it('spends at most the session’s retry budget across requests', async () => {
    handler = (_s, res) => html(res, 503);
    const session = client({ retries: 3, sessionRetryBudget: 2 }).openSession(tokens);
    await expect(session.getStats('p1')).rejects.toMatchObject({ kind: 'transient' });
    await expect(session.getStats('p2')).rejects.toMatchObject({ kind: 'transient' });
    expect(session.requests).toBe(4);
  });

  it('never retries a bad request, and reads NOT_FOUND and NO_PERMISSION', async () => {
    handler = (s, res) => {
      const id = s.body.variables?.post_id;
      if (id === 'gone')
        return json(res, 200, {
          errors: [{ message: 'Post not found', extensions: { code: 'NOT_FOUND' } }],
          data: { getStats: null },
        });
      if (id === 'theirs')
        return json(res, 200, {
          errors: [{ message: 'This post is not yours', extensions: { code: 'NO_PERMISSION' } }],
          data: { getStats: null },
        });
      return json(res, 400, {
        errors: [{ message: 'Max limit is 100', extensions: { name: 'bad request' } }],
      });
    };
    const session = client().openSession(tokens);
    await expect(session.posts({ username: 'a', limit: 500 })).rejects.toMatchObject({
      kind: 'rejected',
    });
    await expect(session.getStats('gone')).rejects.toMatchObject({
      kind: 'not-found',
      code: 'velog-not-found',
    });
    await expect(session.getStats('theirs')).rejects.toMatchObject({ kind: 'signed-out' });
    expect(session.requests).toBe(3);
  });

  it('times out a request that hangs and retries it', async () => {
    handler = (_s, res) => {
      if (seen.length === 1) return; // never answers
      json(res, 200, stats(3));
    };
    const session = client({ timeoutMs: 300 }).openSession(tokens);
    expect(await session.getStats('p1')).toEqual({ total: 3 });
    // A busy machine may time out an answered retry too; the hung first request always is.
    expect(session.requests).toBeGreaterThanOrEqual(2);
  });

  it('fills the global bound with many writers, never more, one writer within its own', async () => {
    const held: ServerResponse[] = [];
    let most = 0;
    handler = (_s, res) => {
      held.push(res);
      most = Math.max(most, held.length);
    };
    const velog = client({ concurrency: 3, perUserConcurrency: 2 });
    // Two requests per writer, so whatever remains can always fill the global bound.
    const sessions = Array.from({ length: 10 }, (_, i) =>
      velog.openSession({ accessToken: `a${i}`, refreshToken: `r${i}` }),
    );
    const all = Promise.all(sessions.flatMap((s) => [s.getStats('p1'), s.getStats('p2')]));
    for (let answered = 0; answered < 20; answered += 1) {
      await arrived(() => held.length === Math.min(3, 20 - answered));
      json(held.shift() as ServerResponse, 200, stats(1));
    }
    await all;
    expect(seen).toHaveLength(20);
    expect(most).toBe(3);

    most = 0;
    const lone = velog.openSession(tokens);
    const six = Promise.all(Array.from({ length: 6 }, (_, i) => lone.getStats(`p${i}`)));
    for (let answered = 0; answered < 6; answered += 1) {
      await arrived(() => held.length === Math.min(2, 6 - answered));
      json(held.shift() as ServerResponse, 200, stats(1));
    }
    await six;
    expect(most).toBe(2);
  });

  it('fills the global bound at the fake velog with many writers, and sends no more', async () => {
    const fake = await startVelogFake();
    try {
      // Every getStats hangs, so the requests let through stay in flight for the count.
      fake.injectFault({ operation: 'getStats', kind: 'hang' });
      const velog = client({
        v3Url: fake.urls.v3,
        statsUrl: fake.urls.v2,
        concurrency: 3,
        perUserConcurrency: 1,
        timeoutMs: 60_000,
        retries: 0,
      });
      const stop = new AbortController();
      const sessions = Array.from({ length: 8 }, (_, i) =>
        velog.openSession({ accessToken: `a${i}`, refreshToken: `r${i}` }, { signal: stop.signal }),
      );
      const outcomes = Promise.all(
        sessions
          .flatMap((s) => [s.getStats('p1'), s.getStats('p2')])
          .map((pending) =>
            pending.then(
              () => 'answered',
              (error: unknown) => error,
            ),
          ),
      );
      await vi.waitFor(
        () => expect(fake.journal().filter((entry) => entry.endedAt === null)).toHaveLength(3),
        { timeout: 15_000, interval: 5 },
      );
      const reason = new Error('the test is over');
      stop.abort(reason);
      await fake.close();
      const settled = await outcomes;
      expect(settled.filter((outcome) => outcome === reason)).toHaveLength(13);
      expect(settled.filter((outcome) => outcome === 'answered')).toHaveLength(0);
      expect(fake.maxInFlight()).toBe(3);
      expect(fake.journal()).toHaveLength(3);
      // One request per writer at a time: three writers, not one writer's three.
      const writers = new Set(fake.journal().map((entry) => entry.cookies.access_token));
      expect(writers.size).toBe(3);
    } finally {
      await fake.close();
    }
  });

  it('stops a request already sent when the session’s signal aborts, and tells onEvent of each request', async () => {
    const fake = await startVelogFake();
    try {
      const user = fake.addUser({ username: 'alice' });
      const post = fake.addPost({ userId: user.id, views: 3 });
      const events: VelogClientEvent[] = [];
      const velog = client({
        v3Url: fake.urls.v3,
        statsUrl: fake.urls.v2,
        timeoutMs: 60_000,
        retries: 0,
        onEvent: (event) => events.push(event),
      });
      const stop = new AbortController();
      const session = velog.openSession(fake.mintTokens(user.id), { signal: stop.signal });
      expect(await session.getStats(post.id)).toEqual({ total: 3 });
      fake.injectFault({ operation: 'getStats', kind: 'hang' });
      const pending = session.getStats(post.id);
      await vi.waitFor(() => expect(fake.journal()).toHaveLength(2), {
        timeout: 15_000,
        interval: 5,
      });
      stop.abort(new Error('the lease was lost'));
      // Long before the 60 s timeout: the answer is not waited for.
      await expect(pending).rejects.toThrow();
      expect(events).toEqual([
        { type: 'request', operation: 'GetStats', outcome: 'ok' },
        { type: 'request', operation: 'GetStats', outcome: 'transient' },
      ]);
    } finally {
      await fake.close();
    }
  });
});

describe('schema mismatches', () => {
  it('reports v3’s empty 200 once, unretried, naming the operation, and tells onEvent', async () => {
    handler = (_s, res) => {
      res.writeHead(200);
      res.end();
    };
    const events: VelogClientEvent[] = [];
    // A transient failure would open this breaker at once; a mismatch is an answer.
    const velog = client({
      retries: 3,
      breaker: { minRequests: 1, threshold: 0 },
      onEvent: (event) => events.push(event),
    });
    const session = velog.openSession(tokens);
    const error = await session.posts({ username: 'alice' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: 'schema-mismatch',
      code: 'velog-schema-mismatch',
      status: 502,
      operation: 'velogPosts',
      message:
        "velog's answer to velogPosts no longer matches our query (empty 200): velog changed; please report",
    });
    expect(session.requests).toBe(1);
    expect(events).toEqual([
      { type: 'request', operation: 'velogPosts', outcome: 'schema-mismatch' },
      { type: 'schema-mismatch', operation: 'velogPosts' },
    ]);
    expect(velog.breaker).toEqual({ state: 'closed', retryAt: null });
  });

  it('still retries a non-JSON 200 from v2, which is an edge page', async () => {
    handler = (_s, res) => {
      if (seen.length > 1) return json(res, 200, stats(4));
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
    };
    const session = client().openSession(tokens);
    expect(await session.getStats('p1')).toEqual({ total: 4 });
    expect(session.requests).toBe(2);
  });

  it('passes a schema mismatch through sign-in instead of calling velog unavailable', async () => {
    handler = (_s, res) => {
      res.writeHead(200);
      res.end();
    };
    await expect(verifyVelogTokens(client(), tokens)).rejects.toMatchObject({
      code: 'velog-schema-mismatch',
      operation: 'currentUser',
    });
    expect(seen).toHaveLength(1);
  });
});

/** A clock and a sleep the test moves by hand: the breaker's pauses take no real time. */
function manualTime(start = 1_000_000) {
  let now = start;
  const sleeps: { ms: number; wake: () => void }[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        sleeps.push({ ms, wake: resolve });
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  };
}

/** The breaker's events, in order (each request's own event is left out). */
function eventLog() {
  const events: VelogClientEvent[] = [];
  const waiters: { type: string; resolve: () => void }[] = [];
  return {
    events,
    onEvent(event: VelogClientEvent) {
      if (event.type === 'request') return;
      events.push(event);
      for (const waiter of waiters.splice(0)) {
        if (waiter.type === event.type) waiter.resolve();
        else waiters.push(waiter);
      }
    },
    next(type: VelogClientEvent['type']): Promise<void> {
      return new Promise((resolve) => waiters.push({ type, resolve }));
    },
  };
}

describe('the circuit breaker in the client', () => {
  const breaker = { minRequests: 4, threshold: 0.5, minBackoffMs: 1_000, maxBackoffMs: 8_000 };

  it('stops sending while open, lets one probe through at retryAt, then sends the rest', async () => {
    let failing = true;
    let heldProbe: ServerResponse | null = null;
    handler = (_s, res) => {
      if (failing) return html(res, 503);
      if (seen.length === 5) {
        heldProbe = res;
        return;
      }
      json(res, 200, stats(1));
    };
    const time = manualTime();
    const log = eventLog();
    const velog = client({ retries: 0, breaker, ...time, onEvent: log.onEvent });
    const writers = Array.from({ length: 4 }, (_, i) =>
      velog.openSession({ accessToken: `a${i}`, refreshToken: `r${i}` }),
    );
    const opened = log.next('breaker-open');
    await Promise.allSettled(writers.map((w) => w.getStats('p1')));
    await opened;
    const retryAt = new Date(time.now() + 1_000);
    expect(log.events).toEqual([
      { type: 'breaker-open', retryAt, failureRate: 1, backoffMs: 1_000 },
    ]);
    expect(velog.breaker).toEqual({ state: 'open', retryAt });
    expect(time.sleeps.map((s) => s.ms)).toEqual([1_000]);

    const queued = writers.map((w) => w.getStats('p2'));
    const stop = new AbortController();
    const leaving = velog.openSession(tokens, { signal: stop.signal }).getStats('p3');
    await settle();
    expect(writers.map((w) => w.requests)).toEqual([1, 1, 1, 1]);
    // Aborting still works while the breaker keeps everything queued.
    const reason = new Error('shutting down');
    stop.abort(reason);
    await expect(leaving).rejects.toBe(reason);

    failing = false;
    time.advance(1_000);
    expect(velog.breaker).toEqual({ state: 'half-open', retryAt });
    const closed = log.next('breaker-closed');
    time.sleeps[0]?.wake();
    await arrived(() => heldProbe !== null);
    await settle();
    // The probe goes alone: until it is answered, the other three stay queued.
    const sent = () => writers.reduce((sum, w) => sum + w.requests, 0);
    expect(sent()).toBe(5);
    json(heldProbe as unknown as ServerResponse, 200, stats(1));
    expect(await Promise.all(queued)).toEqual([
      { total: 1 },
      { total: 1 },
      { total: 1 },
      { total: 1 },
    ]);
    await closed;
    expect(velog.breaker).toEqual({ state: 'closed', retryAt: null });
    expect(sent()).toBe(8);
    expect(log.events.map((e) => e.type)).toEqual(['breaker-open', 'breaker-closed']);
  });

  it('re-opens with a doubled pause when the probe fails', async () => {
    handler = (_s, res) => html(res, 503);
    const time = manualTime();
    const log = eventLog();
    const velog = client({ retries: 0, breaker, ...time, onEvent: log.onEvent });
    const session = velog.openSession(tokens, { signal: new AbortController().signal });
    await Promise.allSettled(Array.from({ length: 4 }, (_, i) => session.getStats(`p${i}`)));
    expect(velog.breaker.state).toBe('open');

    const probe = session.getStats('probe');
    time.advance(1_000);
    const reopened = log.next('breaker-open');
    time.sleeps[0]?.wake();
    await expect(probe).rejects.toMatchObject({ kind: 'transient' });
    await reopened;
    expect(log.events.at(-1)).toEqual({
      type: 'breaker-open',
      retryAt: new Date(time.now() + 2_000),
      failureRate: 1,
      backoffMs: 2_000,
    });
    expect(time.sleeps.map((s) => s.ms)).toEqual([1_000, 2_000]);
    expect(seen).toHaveLength(5);
  });

  it('never stops sending when the breaker is off', async () => {
    handler = (_s, res) => html(res, 503);
    const velog = client({ retries: 0, breaker: false, ...manualTime() });
    const session = velog.openSession(tokens);
    for (let i = 0; i < 30; i += 1) {
      await expect(session.getStats(`p${i}`)).rejects.toMatchObject({ kind: 'transient' });
    }
    expect(session.requests).toBe(30);
    expect(velog.breaker).toEqual({ state: 'closed', retryAt: null });
    expect(velog.config.breaker).toBe(false);
  });

  it('fills the breaker’s defaults and refuses impossible settings', () => {
    expect(client({ breaker: { minRequests: 5 } }).config.breaker).toEqual({
      windowMs: 60_000,
      minRequests: 5,
      threshold: 0.5,
      minBackoffMs: 30_000,
      maxBackoffMs: 600_000,
    });
    expect(() => client({ breaker: { threshold: 2 } })).toThrow(RangeError);
    expect(() => client({ perUserConcurrency: 0 })).toThrow('perUserConcurrency');
  });
});

describe('verifyVelogTokens', () => {
  it('returns the profile and the rotated pair', async () => {
    handler = (_s, res) =>
      json(
        res,
        200,
        {
          data: {
            currentUser: {
              id: 'u-1',
              username: 'alice',
              email: 'a@x',
              profile: { display_name: 'Alice', thumbnail: null },
            },
          },
        },
        { 'set-cookie': ['access_token=a2; Path=/', 'refresh_token=r1; Path=/'] },
      );
    const result = await verifyVelogTokens(client(), tokens);
    expect(result).toEqual({
      kind: 'signed-in',
      profile: { velogUserId: 'u-1', username: 'alice', displayName: 'Alice', thumbnail: null },
      tokens: { accessToken: 'a2', refreshToken: 'r1' },
    });
    expect(seen[0]?.url).toBe('/v3');
    expect(seen[0]?.body.operationName).toBe('currentUser');
  });

  it('says signed-out when velog signs nobody in', async () => {
    handler = (_s, res) =>
      json(
        res,
        200,
        { data: { currentUser: null } },
        { 'set-cookie': ['access_token=; Max-Age=0'] },
      );
    expect(await verifyVelogTokens(client(), tokens)).toEqual({ kind: 'signed-out' });
  });

  it('throws velog-unavailable when velog cannot be reached', async () => {
    handler = (_s, res) => html(res, 504);
    await expect(verifyVelogTokens(client({ retries: 1 }), tokens)).rejects.toMatchObject({
      code: 'velog-unavailable',
      status: 502,
    });
    const closed = createVelogClient({
      v3Url: 'http://127.0.0.1:1/graphql',
      statsUrl: 'http://127.0.0.1:1/graphql',
      retries: 0,
    });
    clients.push(closed);
    await expect(verifyVelogTokens(closed, tokens)).rejects.toMatchObject({
      code: 'velog-unavailable',
    });
  });
});
