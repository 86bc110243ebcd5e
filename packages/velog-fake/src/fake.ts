import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CdnCache, type CdnOptions } from './cdn.js';
import { FakeClock } from './clock.js';
import { REFRESH_MAX_AGE_S } from './cookies.js';
import { type Endpoint, FaultRegistry, type FaultSpec } from './faults.js';
import { Journal, type JournalEntry } from './journal.js';
import type { TieOrder } from './pagination.js';
import type { ViewsInPosts } from './resolvers.js';
import { createRequestHandler, type Latency, type ServerState } from './server.js';
import type { LegacyDayEncoding, StatsMode } from './stats.js';
import { FakeStore, type NewPost, type NewUser } from './store.js';
import {
  decodeJwt,
  mintAccessToken,
  mintRefreshToken,
  type RefreshIdField,
  type TokenPayload,
} from './tokens.js';

export interface VelogFakeOptions {
  /** 0 (the default) picks a free port; the host is always 127.0.0.1. */
  port?: number;
  /** The initial clock (default: real time now). The clock moves only when told. */
  now?: Date;
  statsMode?: StatsMode;
  legacyDayEncoding?: LegacyDayEncoding;
  /** Default 'everyone', as velog's v3; v2's posts always answer `views: null`. */
  viewsInPosts?: ViewsInPosts;
  /** Default 'shuffle', as velog: posts released at the same instant come in any order. */
  tieOrder?: TieOrder;
  cdn?: CdnOptions;
  /** Let the clock follow the wall clock from `now` on (for command-line runs). */
  tickingClock?: boolean;
  /** The HS256 secret; random per instance when absent. */
  secret?: string;
}

export interface VelogFakeUrls {
  v3: string;
  v2: string;
  v2cdn: string;
}

export interface MintTokensOptions {
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  issuedAt?: Date;
  refreshIdField?: RefreshIdField;
}

export interface VelogFake {
  readonly urls: VelogFakeUrls;
  readonly port: number;
  addUser(input: NewUser): { id: string; username: string };
  addPost(input: NewPost): { id: string };
  addReads(postId: string, count: number, at?: Date): void;
  setLikes(postId: string, likes: number): void;
  setViews(postId: string, views: number): void;
  setPrivate(postId: string, isPrivate: boolean): void;
  deletePost(postId: string): void;
  mintTokens(
    userId: string,
    options?: MintTokensOptions,
  ): { accessToken: string; refreshToken: string };
  now(): Date;
  setNow(date: Date): void;
  advance(ms: number): void;
  injectFault(spec: FaultSpec): string;
  clearFaults(faultId?: string): void;
  setLatency(endpoint: Endpoint, latency: Latency): void;
  journal(): JournalEntry[];
  maxInFlight(): number;
  resetJournal(): void;
  /** The payload of a token this fake signed (expired or not); `null` for anything else. */
  verifyToken(token: string): TokenPayload | null;
  setStatsMode(mode: StatsMode): void;
  setViewsInPosts(mode: ViewsInPosts): void;
  setTieOrder(order: TieOrder): void;
  /** Forget every cached v2cdn answer. */
  clearCdn(): void;
  /** The fake's data, for assertions and for seeding scripts. */
  readonly store: FakeStore;
  close(): Promise<void>;
}

function listen(server: HttpServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the fake velog on loopback: v3, v2 and the v2cdn cache emulator on one port. */
export async function startVelogFake(options: VelogFakeOptions = {}): Promise<VelogFake> {
  let beginClosing = () => {};
  const closing = new Promise<void>((resolve) => {
    beginClosing = resolve;
  });
  const clock = new FakeClock(options.now ?? new Date(), {
    ticking: options.tickingClock ?? false,
  });
  const state: ServerState = {
    store: new FakeStore(),
    clock,
    journal: new Journal(),
    faults: new FaultRegistry(),
    cdn: new CdnCache(options.cdn),
    secret: options.secret ?? randomBytes(32).toString('hex'),
    latency: new Map(),
    settings: {
      statsMode: options.statsMode ?? 'current',
      legacyDayEncoding: options.legacyDayEncoding ?? 'utc-midnight',
      viewsInPosts: options.viewsInPosts ?? 'everyone',
      tieOrder: options.tieOrder ?? 'shuffle',
    },
    closing,
  };
  const handle = createRequestHandler(state);
  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      }
    });
  });
  const port = await listen(http, options.port ?? 0);
  const base = `http://127.0.0.1:${port}`;
  const { store, journal, faults } = state;
  let closed: Promise<void> | null = null;

  return {
    urls: { v3: `${base}/v3/graphql`, v2: `${base}/v2/graphql`, v2cdn: `${base}/v2cdn/graphql` },
    port,
    store,
    addUser(input) {
      const user = store.addUser(input);
      return { id: user.id, username: user.username };
    },
    addPost(input) {
      return { id: store.addPost(input, clock.now()).id };
    },
    addReads(postId, count, at) {
      store.addReads(postId, count, at ?? clock.now());
    },
    setLikes: (postId, likes) => store.setLikes(postId, likes),
    setViews: (postId, views) => store.setViews(postId, views),
    setPrivate: (postId, isPrivate) => store.setPrivate(postId, isPrivate),
    deletePost: (postId) => store.deletePost(postId),
    mintTokens(userId, mint = {}) {
      const issuedAt = (mint.issuedAt ?? clock.now()).getTime();
      return {
        accessToken: mintAccessToken(userId, issuedAt, mint.accessTtlSeconds ?? 3600, state.secret),
        refreshToken: mintRefreshToken(
          userId,
          issuedAt,
          mint.refreshTtlSeconds ?? REFRESH_MAX_AGE_S,
          state.secret,
          mint.refreshIdField ?? 'token_id',
        ),
      };
    },
    now: () => clock.now(),
    setNow: (date) => clock.set(date),
    advance: (ms) => clock.advance(ms),
    injectFault: (spec) => faults.add(spec),
    clearFaults: (faultId) => faults.clear(faultId),
    setLatency(endpoint, latency) {
      if (latency.baseMs < 0 || (latency.jitterMs ?? 0) < 0) {
        throw new RangeError('latency must not be negative');
      }
      state.latency.set(endpoint, { ...latency });
    },
    journal: () => journal.entries(),
    maxInFlight: () => journal.maxInFlight(),
    resetJournal: () => journal.reset(),
    verifyToken: (token) => decodeJwt(token, state.secret),
    setStatsMode(mode) {
      state.settings.statsMode = mode;
    },
    setViewsInPosts(mode) {
      state.settings.viewsInPosts = mode;
    },
    setTieOrder(order) {
      state.settings.tieOrder = order;
    },
    clearCdn: () => state.cdn.clear(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        beginClosing();
        http.close(() => resolve());
        http.closeAllConnections();
      });
      return closed;
    },
  };
}
