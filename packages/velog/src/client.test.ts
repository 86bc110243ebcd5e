import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVelogClient, type VelogClient, type VelogClientConfig } from './client.js';
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
    await handler(entry, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  seen.length = 0;
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

  it('stores a rotated pair before the next request sends it, ignoring cleared cookies', async () => {
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
        await new Promise((resolve) => setTimeout(resolve, 20));
        stored.push(`${pair.accessToken}/${pair.refreshToken}`);
      },
    });
    await session.posts({ username: 'alice' });
    storedWhenSecondSent = [...stored];
    await session.posts({ username: 'alice', cursor: 'x' });
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
    handler = (_s, res) =>
      json(
        res,
        200,
        stats(1),
        seen.length === 1 ? { 'set-cookie': 'access_token=a2; Path=/' } : {},
      );
    const session = client({ perUserConcurrency: 1 }).openSession(tokens, { onTokens: () => gate });
    const first = session.getStats('p1');
    const second = session.getStats('p2');
    // While the store has not confirmed the new pair, nothing else goes out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(1);
    release();
    await Promise.all([first, second]);
    expect(seen[1]?.cookie).toBe('access_token=a2; refresh_token=r1');
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
    const session = client({ timeoutMs: 150 }).openSession(tokens);
    expect(await session.getStats('p1')).toEqual({ total: 3 });
    expect(session.requests).toBe(2);
  });

  it('keeps requests in flight within the global and the per-user bounds', async () => {
    let inFlight = 0;
    let most = 0;
    handler = async (_s, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 15));
      inFlight -= 1;
      json(res, 200, stats(1));
    };
    const velog = client({ concurrency: 3, perUserConcurrency: 2 });
    const sessions = [
      velog.openSession(tokens),
      velog.openSession(tokens),
      velog.openSession(tokens),
    ];
    await Promise.all(
      sessions.flatMap((s) => Array.from({ length: 6 }, (_, i) => s.getStats(`p${i}`))),
    );
    expect(seen).toHaveLength(18);
    expect(most).toBe(3);

    most = 0;
    const lone = velog.openSession(tokens);
    await Promise.all(Array.from({ length: 6 }, (_, i) => lone.getStats(`p${i}`)));
    expect(most).toBe(2);
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
