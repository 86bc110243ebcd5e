import pLimit, { type LimitFunction } from 'p-limit';
import pRetry from 'p-retry';
import { Agent, request } from 'undici';
import type { z } from 'zod';
import { applySetCookies, toCookieHeader, type VelogTokens } from './cookies.js';
import {
  CURRENT_USER,
  GET_STATS,
  GET_STATS_WITH_DAYS,
  POSTS,
  VelogCurrentUser,
  VelogListedPost,
  VelogStats,
} from './documents.js';
import { isVelogError, readGraphqlResponse, VelogError } from './errors.js';

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
  readonly config: Readonly<Required<VelogClientConfig>>;
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

// velog's v3 answers any Origin but its own with 403 (velog-api.md §1).
const VELOG_ORIGIN = 'https://velog.io';

export function createVelogClient(input: VelogClientConfig): VelogClient {
  const config: Required<VelogClientConfig> = {
    ...DEFAULTS,
    ...stripUndefined(input),
    v3Url: input.v3Url,
    statsUrl: input.statsUrl,
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
  const global = pLimit(config.concurrency);

  async function send(
    url: string,
    cookies: VelogTokens,
    operationName: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ status: number; body: string; setCookie: string | string[] | undefined }> {
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher,
        signal: AbortSignal.timeout(config.timeoutMs),
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
      throw new VelogError('transient', `velog could not be reached: ${reason}`, { cause });
    }
  }

  function openSession(initial: VelogTokens, options: SessionOptions = {}): VelogSession {
    let tokens: VelogTokens = { ...initial };
    let requests = 0;
    let retryBudget = config.sessionRetryBudget;
    // Later requests wait for a rotated pair to be stored before they send anything.
    let persisted: Promise<void> = Promise.resolve();
    const perUser: LimitFunction = pLimit(config.perUserConcurrency);

    async function attempt(
      url: string,
      operationName: string,
      query: string,
      variables: Record<string, unknown>,
    ): Promise<Record<string, unknown>> {
      return perUser(async () => {
        await persisted;
        const response = await global(() => {
          options.signal?.throwIfAborted();
          const sent = tokens;
          requests += 1;
          return send(url, sent, operationName, query, variables);
        });
        const rotated = applySetCookies(tokens, response.setCookie);
        if (rotated) {
          // `tokens` only ever holds a stored pair: a request waiting for a slot meanwhile
          // sends the previous pair, which velog still accepts (it revokes nothing).
          const store = options.onTokens;
          persisted = persisted
            .then(() => store?.(rotated))
            .then(() => {
              tokens = rotated;
            });
          await persisted;
        }
        const result = readGraphqlResponse(response);
        if (result instanceof VelogError) throw result;
        return result;
      });
    }

    async function call<T extends z.ZodType>(
      url: string,
      operationName: string,
      query: string,
      variables: Record<string, unknown>,
      field: string,
      shape: T,
    ): Promise<z.infer<T>> {
      const data = await pRetry(() => attempt(url, operationName, query, variables), {
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
      const parsed = shape.safeParse(data[field]);
      if (!parsed.success) {
        throw new VelogError('rejected', `velog's ${field} answer has an unexpected shape`, {
          cause: parsed.error,
        });
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
        call(
          config.v3Url,
          'currentUser',
          CURRENT_USER,
          {},
          'currentUser',
          VelogCurrentUser.nullable(),
        ),
      posts: ({ username, cursor, limit = 50 }) =>
        call(
          config.v3Url,
          'velogPosts',
          POSTS,
          { input: { cursor: cursor ?? '', username, limit } },
          'posts',
          VelogListedPost.array(),
        ),
      getStats: async (postId, { withDays = false } = {}) => {
        const stats = await call(
          config.statsUrl,
          'GetStats',
          withDays ? GET_STATS_WITH_DAYS : GET_STATS,
          { post_id: postId },
          'getStats',
          VelogStats.nullable(),
        );
        // velog names its refusals; a bare null is not a confirmed deletion, so it counts as a miss.
        if (stats === null) throw new VelogError('transient', 'velog answered getStats with null');
        return stats;
      },
    };
  }

  return {
    config,
    openSession,
    close: () => dispatcher.close(),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
