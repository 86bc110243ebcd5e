import { setTimeout as delay } from 'node:timers/promises';
import pRetry from 'p-retry';
import { Agent, request } from 'undici';
import type { z } from 'zod';
import {
  type BreakerOptions,
  type BreakerState,
  CircuitBreaker,
  checkBreakerOptions,
  DEFAULT_BREAKER,
  type Outcome,
} from './circuit-breaker.js';
import { applySetCookies, clearsSession, toCookieHeader, type VelogTokens } from './cookies.js';
import {
  CURRENT_USER,
  GET_STATS,
  GET_STATS_WITH_DAYS,
  POSTS,
  VelogCurrentUser,
  VelogListedPost,
  VelogStats,
} from './documents.js';
import {
  isVelogError,
  readGraphqlResponse,
  type ServerStyle,
  VelogError,
  type VelogErrorKind,
} from './errors.js';
import { createRequestGate } from './request-gate.js';

export interface VelogClientConfig {
  /** v3's GraphQL endpoint: `currentUser` and `posts`. */
  v3Url: string;
  /** v2's (or the v2 CDN's) GraphQL endpoint: `getStats`. */
  statsUrl: string;
  /** Per request, from sending to the last byte of the answer. */
  timeoutMs?: number;
  /** Retries of one request on a transient error. */
  retries?: number;
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Requests in flight to velog across every user of this client. */
  concurrency?: number;
  /** Requests in flight for one user. */
  perUserConcurrency?: number;
  /** Retries one session may spend in total, so a velog outage does not become a retry storm. */
  sessionRetryBudget?: number;
  /** Stops all sending while most requests fail (circuit-breaker.ts); `false` never stops. */
  breaker?: Partial<BreakerOptions> | false;
  /** Told of breaker changes and schema mismatches; it must not throw (a throw is ignored). */
  onEvent?: (event: VelogClientEvent) => void;
  /** The breaker's clock, in ms since the epoch; injectable so tests need not wait. */
  now?: () => number;
  /** How the client waits for an open breaker's `retryAt`; rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type VelogClientEvent =
  /** One request answered or failed (`outcome`: `ok`, or the error's kind), for metrics. */
  | { type: 'request'; operation: string; outcome: 'ok' | VelogErrorKind }
  | { type: 'breaker-open'; retryAt: Date; failureRate: number; backoffMs: number }
  | { type: 'breaker-closed' }
  | { type: 'schema-mismatch'; operation: string };

export type ResolvedVelogClientConfig = Required<
  Omit<VelogClientConfig, 'breaker' | 'onEvent' | 'now' | 'sleep'>
> & { breaker: BreakerOptions | false };

export interface VelogBreakerStatus {
  state: BreakerState;
  /** While open or half-open: when the next probe may go. */
  retryAt: Date | null;
}

export interface SessionOptions {
  /**
   * Called with a pair velog rotated; it is awaited before any later request of the session
   * sends the new pair, so a crash never leaves velog holding tokens we did not store.
   */
  onTokens?: (tokens: VelogTokens) => Promise<void> | void;
  /** Once aborted, requests not yet sent are not sent: they reject with the signal's reason. */
  signal?: AbortSignal;
}

export interface PostsPageInput {
  username: string;
  /** The id of the last post of the previous page; omitted for the first page. */
  cursor?: string | undefined;
  limit?: number;
}

/** One user's conversation with velog: their cookies only, never another user's. */
export interface VelogSession {
  /** The pair the next request will send. */
  readonly tokens: VelogTokens;
  /** HTTP requests sent so far, retries included. */
  readonly requests: number;
  currentUser(): Promise<VelogCurrentUser | null>;
  posts(input: PostsPageInput): Promise<VelogListedPost[]>;
  /** Throws `not-found` for a deleted post and `signed-out` for a post that is not ours. */
  getStats(postId: string, options?: { withDays?: boolean }): Promise<VelogStats>;
}

export interface VelogClient {
  readonly config: Readonly<ResolvedVelogClientConfig>;
  readonly breaker: VelogBreakerStatus;
  openSession(tokens: VelogTokens, options?: SessionOptions): VelogSession;
  close(): Promise<void>;
}

const DEFAULTS = {
  timeoutMs: 15_000,
  retries: 3,
  minRetryDelayMs: 1_000,
  maxRetryDelayMs: 30_000,
  concurrency: 4,
  perUserConcurrency: 2,
  sessionRetryBudget: 30,
} satisfies Partial<VelogClientConfig>;

// v3 answers any Origin but its own with an empty 200, as if our query were wrong (§1).
const VELOG_ORIGIN = 'https://velog.io';

const realSleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal });

/** One operation: where it goes, which server style answers it, and what we read of it. */
interface Operation<T extends z.ZodType> {
  url: string;
  server: ServerStyle;
  name: string;
  query: string;
  variables: Record<string, unknown>;
  field: string;
  shape: T;
}

export function createVelogClient(input: VelogClientConfig): VelogClient {
  const { breaker: breakerInput, onEvent, now = Date.now, sleep = realSleep, ...rest } = input;
  const config: ResolvedVelogClientConfig = {
    ...DEFAULTS,
    ...stripUndefined(rest),
    v3Url: input.v3Url,
    statsUrl: input.statsUrl,
    breaker:
      breakerInput === false
        ? false
        : checkBreakerOptions({ ...DEFAULT_BREAKER, ...stripUndefined(breakerInput ?? {}) }),
  };
  for (const key of ['concurrency', 'perUserConcurrency'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) {
      throw new RangeError(`${key} must be a positive integer`);
    }
  }
  const dispatcher = new Agent({
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
    connections: config.concurrency,
  });
  const breaker = config.breaker === false ? null : new CircuitBreaker(config.breaker);
  const closing = new AbortController();

  function emit(event: VelogClientEvent): void {
    try {
      onEvent?.(event);
    } catch {
      // An observer must not change what happens to a request.
    }
  }

  // The gate only asks the breaker; waking the queue at `retryAt` is the client's job.
  let wakeAt: number | null = null;
  function wakeGateAt(retryAt: number): void {
    if (wakeAt === retryAt) return;
    wakeAt = retryAt;
    // At least 1 ms: a timer may fire a little before `now()` reaches retryAt, and the next
    // admission schedules the next wake.
    sleep(Math.max(1, retryAt - now()), closing.signal).then(
      () => {
        if (wakeAt === retryAt) wakeAt = null;
        gate.pump();
      },
      () => {},
    );
  }

  const gate = createRequestGate<boolean>({
    concurrency: config.concurrency,
    perSessionConcurrency: config.perUserConcurrency,
    admit: () => {
      if (breaker === null) return false;
      const admission = breaker.admit(now());
      if (admission.admitted) return admission.probe;
      if (admission.retryAt !== null) wakeGateAt(admission.retryAt);
      return null;
    },
  });

  function recordOutcome(probe: boolean, outcome: Outcome): void {
    const change = breaker?.record(outcome, now(), probe);
    if (change?.type === 'opened') {
      const { retryAt, failureRate, backoffMs } = change;
      emit({ type: 'breaker-open', retryAt: new Date(retryAt), failureRate, backoffMs });
      wakeGateAt(retryAt);
    } else if (change?.type === 'closed') {
      emit({ type: 'breaker-closed' });
    }
  }

  async function send(
    url: string,
    cookies: VelogTokens,
    operationName: string,
    query: string,
    variables: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; body: string; setCookie: string | string[] | undefined }> {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher,
        // The session's signal stops a request already sent, too: a scrape that lost its lease
        // does not wait out velog's answer.
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          origin: VELOG_ORIGIN,
          cookie: toCookieHeader(cookies),
        },
        body: JSON.stringify({ operationName, query, variables }),
      });
      const body = await response.body.text();
      return { status: response.statusCode, body, setCookie: response.headers['set-cookie'] };
    } catch (cause) {
      const reason =
        cause instanceof Error
          ? cause.name === 'TimeoutError'
            ? 'timeout'
            : cause.message
          : 'error';
      throw new VelogError('transient', `velog could not be reached: ${reason}`, {
        cause,
        operation: operationName,
      });
    }
  }

  function openSession(initial: VelogTokens, options: SessionOptions = {}): VelogSession {
    let tokens: VelogTokens = { ...initial };
    let requests = 0;
    let retryBudget = config.sessionRetryBudget;
    const slots = gate.session();
    // Rotated pairs are stored one after another, in the order velog sent them.
    let persisted: Promise<void> = Promise.resolve();
    let storeFailure: { error: unknown } | null = null;

    /**
     * Stores a rotated pair before any later request of the session sends it: the session is
     * held (its queued requests wait, holding no slot) until the store has confirmed it.
     */
    function persist(rotated: VelogTokens): Promise<void> {
      const release = slots.hold();
      const store = options.onTokens;
      const stored = persisted
        .then(() => store?.(rotated))
        .then(() => {
          tokens = rotated;
        });
      persisted = stored.then(
        () => {},
        (error: unknown) => {
          storeFailure ??= { error };
        },
      );
      void persisted.finally(release);
      return stored;
    }

    async function attempt(operation: Operation<z.ZodType>): Promise<Record<string, unknown>> {
      // The store refused a rotated pair: whatever this session reads now could not be kept.
      if (storeFailure !== null) throw storeFailure.error;
      const permit = await slots.acquire(options.signal);
      let response: Awaited<ReturnType<typeof send>>;
      try {
        requests += 1;
        response = await send(
          operation.url,
          tokens,
          operation.name,
          operation.query,
          operation.variables,
          options.signal,
        );
      } catch (error) {
        recordOutcome(permit.ticket, 'failed');
        permit.release();
        emit({ type: 'request', operation: operation.name, outcome: 'transient' });
        throw error;
      }
      const result = readGraphqlResponse(response, {
        server: operation.server,
        operation: operation.name,
      });
      emit({
        type: 'request',
        operation: operation.name,
        outcome: result instanceof VelogError ? result.kind : 'ok',
      });
      const rotated = applySetCookies(tokens, response.setCookie);
      // Held before the slot is freed, so no request of this session slips out with the old pair.
      const stored = rotated ? persist(rotated) : undefined;
      recordOutcome(permit.ticket, isVelogError(result, 'transient') ? 'failed' : 'answered');
      permit.release();
      await stored;
      if (isVelogError(result, 'schema-mismatch')) {
        emit({ type: 'schema-mismatch', operation: operation.name });
      }
      if (result instanceof VelogError) throw result;
      // currentUser says so itself (null); any other answer would silently be anonymous's: a
      // listing without the private posts, for instance.
      if (operation.name !== 'currentUser' && clearsSession(response.setCookie)) {
        throw new VelogError(
          'signed-out',
          `velog signed the session out while answering ${operation.name}: its refresh failed`,
        );
      }
      return result;
    }

    async function call<T extends z.ZodType>(operation: Operation<T>): Promise<z.infer<T>> {
      const data = await pRetry(() => attempt(operation), {
        retries: config.retries,
        minTimeout: config.minRetryDelayMs,
        maxTimeout: config.maxRetryDelayMs,
        factor: 2,
        randomize: true,
        signal: options.signal,
        shouldRetry: ({ error }) => {
          if (!isVelogError(error, 'transient') || retryBudget <= 0) return false;
          retryBudget -= 1;
          return true;
        },
      });
      const parsed = operation.shape.safeParse(data[operation.field]);
      if (!parsed.success) {
        throw new VelogError(
          'rejected',
          `velog's ${operation.field} answer has an unexpected shape`,
          { cause: parsed.error, operation: operation.name },
        );
      }
      return parsed.data;
    }

    return {
      get tokens() {
        return tokens;
      },
      get requests() {
        return requests;
      },
      currentUser: () =>
        call({
          url: config.v3Url,
          server: 'v3',
          name: 'currentUser',
          query: CURRENT_USER,
          variables: {},
          field: 'currentUser',
          shape: VelogCurrentUser.nullable(),
        }),
      posts: ({ username, cursor, limit = 50 }) =>
        call({
          url: config.v3Url,
          server: 'v3',
          name: 'velogPosts',
          query: POSTS,
          variables: { input: { cursor: cursor ?? '', username, limit } },
          field: 'posts',
          shape: VelogListedPost.array(),
        }),
      getStats: async (postId, { withDays = false } = {}) => {
        const stats = await call({
          url: config.statsUrl,
          server: 'v2',
          name: 'GetStats',
          query: withDays ? GET_STATS_WITH_DAYS : GET_STATS,
          variables: { post_id: postId },
          field: 'getStats',
          shape: VelogStats.nullable(),
        });
        // velog names its refusals; a bare null is not a confirmed deletion, so it counts as a miss.
        if (stats === null) {
          throw new VelogError('transient', 'velog answered getStats with null', {
            operation: 'GetStats',
          });
        }
        return stats;
      },
    };
  }

  return {
    config,
    get breaker() {
      const status = breaker?.status(now()) ?? { state: 'closed', retryAt: null };
      return {
        state: status.state,
        retryAt: status.retryAt === null ? null : new Date(status.retryAt),
      };
    },
    openSession,
    close: () => {
      closing.abort();
      gate.close(new VelogError('transient', 'the velog client was closed'));
      return dispatcher.close();
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
