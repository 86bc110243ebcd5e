import type { IncomingMessage, ServerResponse } from 'node:http';
import { CdnCache, isCacheable } from './cdn.js';
import type { FakeClock } from './clock.js';
import { parseCookieHeader } from './cookies.js';
import { prepareRequest, runRequest, type Server, V3_REJECTION } from './execute.js';
import { type Endpoint, FaultRegistry } from './faults.js';
import { gatewayErrorPage } from './http-errors.js';
import type { Journal, JournalEntry } from './journal.js';
import type { TieOrder } from './pagination.js';
import { authenticate } from './refresh.js';
import type { ViewsInPosts } from './resolvers.js';
import type { LegacyDayEncoding, StatsMode } from './stats.js';
import type { FakeStore } from './store.js';

export const ROUTES: Record<string, Endpoint> = {
  '/v3/graphql': 'v3',
  '/v2/graphql': 'v2',
  '/v2cdn/graphql': 'v2cdn',
};

/** v3 lets through velog.io and its subdomains over https, or no Origin at all. */
const VELOG_ORIGIN = /^https:\/\/([a-z0-9-]+\.)*velog\.io$/i;

function isAllowedOrigin(origin: string | null): boolean {
  return origin === null || VELOG_ORIGIN.test(origin);
}

const MAX_BODY_BYTES = 1024 * 1024;

export interface Latency {
  baseMs: number;
  jitterMs?: number;
}

export interface ServerState {
  store: FakeStore;
  clock: FakeClock;
  journal: Journal;
  faults: FaultRegistry;
  cdn: CdnCache;
  secret: string;
  latency: Map<Endpoint, Latency>;
  settings: {
    statsMode: StatsMode;
    legacyDayEncoding: LegacyDayEncoding;
    viewsInPosts: ViewsInPosts;
    tieOrder: TieOrder;
  };
  /** Resolves when close() begins, so hung and delayed requests stop waiting. */
  closing: Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  setCookie: string[];
}

const JSON_TYPE = 'application/json; charset=utf-8';

function json(status: number, body: unknown, setCookie: string[] = []): Reply {
  if (body === '') return { status, headers: {}, body: '', setCookie };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : JSON_TYPE;
  return { status, headers: { 'content-type': contentType }, body: text, setCookie };
}

function sleep(ms: number, closing: Promise<void>): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void closing.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString()));
    req.on('error', () => resolve(null));
  });
}

type Payload = { ok: true; value: unknown } | { ok: false; reply: Reply };

/**
 * The request as each framework's body parser leaves it (Koa bodyparser, Fastify). Fastify's
 * own refusals end in velog's silent error handler too, so v3 answers them with V3_REJECTION.
 */
function readPayload(server: Server, req: IncomingMessage, url: URL, rawBody: string): Payload {
  if (req.method === 'GET') {
    const variables = url.searchParams.get('variables');
    let parsedVariables: unknown;
    try {
      parsedVariables = variables === null ? undefined : JSON.parse(variables);
    } catch {
      parsedVariables = variables;
    }
    return {
      ok: true,
      value: {
        query: url.searchParams.get('query') ?? undefined,
        variables: parsedVariables,
        operationName: url.searchParams.get('operationName') ?? undefined,
      },
    };
  }
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const isJson = contentType.includes('application/json');
  if (!isJson) {
    return server === 'v2' ? { ok: true, value: {} } : { ok: false, reply: v3Rejection() };
  }
  try {
    return { ok: true, value: JSON.parse(rawBody) };
  } catch {
    if (server === 'v3') return { ok: false, reply: v3Rejection() };
    return { ok: false, reply: json(400, 'invalid JSON, only supports object and array') };
  }
}

function v3Rejection(): Reply {
  return json(V3_REJECTION.status, V3_REJECTION.body);
}

/**
 * The origin servers: v3 checks the Origin, then both run the refresh rule (whatever the
 * query turns out to be), then parse, validate and execute in their own error style.
 */
async function answerOrigin(
  state: ServerState,
  server: Server,
  endpoint: Endpoint,
  req: IncomingMessage,
  payload: unknown,
  faults: FaultRegistry,
): Promise<Reply> {
  const cookies = parseCookieHeader(req.headers.cookie);
  const nowMs = state.clock.nowMs();
  const auth = authenticate({
    server,
    cookies,
    nowMs,
    secret: state.secret,
    userExists: (id) => state.store.user(id) !== null,
  });
  const prepared = prepareRequest(server, payload);
  if (!prepared.ok) {
    const { status, body } = prepared.response;
    return json(status, body, auth.setCookie);
  }
  const response = await runRequest(server, prepared, {
    server,
    endpoint,
    viewerId: auth.userId,
    store: state.store,
    now: state.clock.now(),
    faults,
    ...state.settings,
  });
  return json(response.status, response.body, auth.setCookie);
}

export function createRequestHandler(state: ServerState) {
  const noFaults = new FaultRegistry();

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = ROUTES[url.pathname];
    if (endpoint === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    const server: Server = endpoint === 'v3' ? 'v3' : 'v2';
    const cookies = parseCookieHeader(req.headers.cookie);
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
    const { entry, end } = state.journal.begin(endpoint, cookies, origin, state.clock.now());
    if (endpoint === 'v2cdn') entry.cacheHit = false;
    // A client that gives up (or a close()) ends the entry with no answer.
    res.on('close', () => end(null));

    const send = (reply: Reply, extra: Partial<JournalEntry> = {}) => {
      Object.assign(entry, extra);
      entry.status = reply.status;
      entry.setCookie = [...reply.setCookie];
      end(state.clock.now());
      if (res.destroyed) return;
      const headers: Record<string, string | string[]> = { ...reply.headers };
      if (reply.setCookie.length > 0) headers['set-cookie'] = reply.setCookie;
      res.writeHead(reply.status, headers).end(reply.body);
    };

    const rawBody = await readBody(req);
    if (rawBody === null) {
      send(server === 'v3' ? v3Rejection() : json(413, 'Payload Too Large'));
      return;
    }
    const payload = readPayload(server, req, url, rawBody);
    const peek = payload.ok ? prepareRequest(server, payload.value) : null;
    if (peek !== null) {
      entry.operationName = peek.operationName;
      entry.variables = peek.variables;
      entry.operation = peek.calls[0]?.operation ?? null;
    }

    const latency = state.latency.get(endpoint);
    if (latency !== undefined) {
      const jitter = (latency.jitterMs ?? 0) * Math.random();
      await sleep(latency.baseMs + jitter, state.closing);
    }

    // A request whose fields are unknown still meets faults on '*'.
    const calls =
      peek !== null && peek.calls.length > 0 ? peek.calls : [{ operation: '', postId: null }];
    const edgeFaults = state.faults.takeEdge(endpoint, calls);
    for (const fault of edgeFaults) {
      if (fault.kind === 'delay') await sleep(fault.delayMs ?? 0, state.closing);
      // A test holds a request in flight for as long as it needs, then lets it through.
      if (fault.kind === 'hold') await Promise.race([fault.released, state.closing]);
    }
    const terminal = edgeFaults.find((fault) => fault.kind !== 'delay' && fault.kind !== 'hold');
    if (terminal?.kind === 'hang') return; // until the client gives up or close() ends it
    if (terminal?.kind === 'reset') {
      end(state.clock.now());
      req.socket.destroy();
      return;
    }
    if (terminal?.kind === 'http-error') {
      const status = terminal.status ?? 502;
      send({
        status,
        headers: { 'content-type': 'text/html' },
        body: gatewayErrorPage(status),
        setCookie: [],
      });
      return;
    }
    if (terminal?.kind === 'empty-200') {
      send(json(200, ''));
      return;
    }
    if (terminal?.kind === 'schema-drift') {
      send(
        server === 'v3'
          ? v3Rejection()
          : json(400, {
              errors: [
                {
                  message: 'Cannot query field on this type (velog changed its schema).',
                  extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
                },
              ],
            }),
      );
      return;
    }
    if (res.destroyed) return;

    // velog's CORS hook throws a 403 "Not allow origin" here, before the refresh hook (so no
    // Set-Cookie), and the silent error handler turns it into an empty 200.
    if (server === 'v3' && !isAllowedOrigin(origin)) {
      send(v3Rejection());
      return;
    }
    if (!payload.ok) {
      send(payload.reply);
      return;
    }

    if (endpoint !== 'v2cdn') {
      send(await answerOrigin(state, server, endpoint, req, payload.value, state.faults));
      return;
    }

    const key = CdnCache.key(cookies.access_token, req.method ?? 'POST', req.url ?? '', rawBody);
    const cached = state.cdn.lookup(key, state.clock.nowMs());
    if (cached.state !== 'miss') {
      if (cached.state === 'stale') {
        // Served stale while revalidating behind the client's back: that origin call's
        // Set-Cookie goes nowhere, and it does not consume injected faults. It finishes
        // before the stale answer leaves, so the next request sees the new entry.
        const fresh = await answerOrigin(state, server, endpoint, req, payload.value, noFaults);
        if (isCacheable(fresh.status, fresh.body)) {
          state.cdn.store(key, cacheable(fresh), state.clock.nowMs());
        }
      }
      const { status, contentType, body } = cached.response;
      send(
        { status, headers: { 'content-type': contentType }, body, setCookie: [] },
        { cacheHit: true },
      );
      return;
    }
    const reply = await answerOrigin(state, server, endpoint, req, payload.value, state.faults);
    if (isCacheable(reply.status, reply.body)) {
      state.cdn.store(key, cacheable(reply), state.clock.nowMs());
    }
    send(reply);
  };
}

function cacheable(reply: Reply) {
  return {
    status: reply.status,
    contentType: reply.headers['content-type'] ?? JSON_TYPE,
    body: reply.body,
  };
}
