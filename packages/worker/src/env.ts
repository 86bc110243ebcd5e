import { hostname } from 'node:os';
import { AppError } from '@velog-insights/shared';
import { parseTokenKey, type TokenKey } from '@velog-insights/store';
import { z } from 'zod';
import { LISTING_VIEWS_MODES, type ListingViewsMode } from './scrape/views-source.js';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** Every setting the worker reads, from the environment, once, at start-up. */
export const WorkerEnv = z.object({
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  /** v3: currentUser and posts. */
  VELOG_V3_URL: z.url().default('https://v3.velog.io/graphql'),
  /** getStats: v2 by default; the CDN (v2cdn) repeats cached totals and never refreshes tokens. */
  VELOG_STATS_URL: z.url().default('https://v2.velog.io/graphql'),
  /** 32 bytes as 64 hex characters or base64; new tokens are encrypted with it. */
  TOKEN_ENCRYPTION_KEY: z.string().min(1, 'is required'),
  /** Earlier keys, comma-separated, still accepted for decrypting while tokens are re-encrypted. */
  TOKEN_ENCRYPTION_OLD_KEYS: z.string().default(''),
  /** Requests in flight to velog, across all users. */
  VELOG_CONCURRENCY: positiveInt(4),
  VELOG_PER_USER_CONCURRENCY: positiveInt(2),
  VELOG_TIMEOUT_MS: positiveInt(15_000),
  VELOG_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  VELOG_RETRY_MIN_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
  /**
   * Where views come from: `auto` reads the listing's views and checks a sample against
   * getStats each run (a writer whose listing disagrees is read with getStats per post until
   * they agree again); `always` trusts the listing unchecked; `never` asks getStats per post.
   */
  VELOG_LISTING_VIEWS: z.enum(LISTING_VIEWS_MODES).default('auto'),
  SCRAPE_INTERVAL_MINUTES: positiveInt(30),
  /**
   * Writers scraped at the same time by one worker. Most of a writer's requests go one after
   * another (currentUser, then each listing page), so it takes several writers at once to keep
   * VELOG_CONCURRENCY requests in flight: by default the global bound is the one that binds.
   */
  SCRAPE_USER_CONCURRENCY: positiveInt(8),
  /** KST time of the day-close run, so each day's last snapshot is close to its end. */
  DAY_CLOSE_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (KST)')
    .default('23:50'),
  /**
   * How long a writer's lease lasts unrenewed. A running scrape renews it every quarter of this;
   * a worker killed mid-scrape (or cut off from the database) loses its writers to the next run
   * this long after its last renewal.
   */
  LEASE_TTL_SECONDS: z.coerce.number().int().min(2).max(3_600).default(120),
  WORKER_ID: z.string().min(1).optional(),
  /** `worker schedule` serves Prometheus metrics at `/metrics` on this port; unset: none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** The address the metrics port listens on; loopback unless a scraper elsewhere needs it. */
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Write the demo writer's history (and keep its "today" current) while the scheduler runs,
   * so "Try the demo" works; the API only reads whether it is written.
   */
  DEMO_ENABLED: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('true')
    .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

export interface WorkerConfig {
  mongodbUri: string;
  velog: {
    v3Url: string;
    statsUrl: string;
    timeoutMs: number;
    retries: number;
    minRetryDelayMs: number;
    concurrency: number;
    perUserConcurrency: number;
  };
  listingViews: ListingViewsMode;
  /** The key new tokens are encrypted with, first, then the older ones. */
  tokenKeys: { current: TokenKey; all: TokenKey[] };
  intervalMinutes: number;
  userConcurrency: number;
  dayCloseAt: { hour: number; minute: number };
  leaseTtlMs: number;
  workerId: string;
  /** Where `worker schedule` serves `/metrics`; absent: nowhere. */
  metrics?: { port: number; host: string };
  /** `worker schedule` (and `npm start`) writes and refreshes the demo writer's history. */
  demoEnabled: boolean;
  logLevel: WorkerEnv['LOG_LEVEL'];
}

/**
 * Parses the environment once. Throws `invalid-config` naming every wrong variable (never its
 * value: some are secrets).
 */
export function loadWorkerEnv(env: Record<string, string | undefined>): WorkerConfig {
  const parsed = WorkerEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new AppError('invalid-config', `invalid worker configuration: ${problems.join('; ')}`, {
      status: 500,
      details: problems,
    });
  }
  const e = parsed.data;
  let current: TokenKey;
  let old: TokenKey[];
  try {
    current = parseTokenKey(e.TOKEN_ENCRYPTION_KEY);
    old = e.TOKEN_ENCRYPTION_OLD_KEYS.split(',')
      .map((value) => value.trim())
      .filter(Boolean)
      .map(parseTokenKey);
  } catch (cause) {
    throw new AppError(
      'invalid-config',
      'invalid worker configuration: TOKEN_ENCRYPTION_KEY / TOKEN_ENCRYPTION_OLD_KEYS must be 32 bytes (64 hex characters or base64)',
      { status: 500, cause },
    );
  }
  const [hour, minute] = e.DAY_CLOSE_AT.split(':').map(Number) as [number, number];
  return {
    mongodbUri: e.MONGODB_URI,
    velog: {
      v3Url: e.VELOG_V3_URL,
      statsUrl: e.VELOG_STATS_URL,
      timeoutMs: e.VELOG_TIMEOUT_MS,
      retries: e.VELOG_RETRIES,
      minRetryDelayMs: e.VELOG_RETRY_MIN_DELAY_MS,
      concurrency: e.VELOG_CONCURRENCY,
      perUserConcurrency: e.VELOG_PER_USER_CONCURRENCY,
    },
    listingViews: e.VELOG_LISTING_VIEWS,
    tokenKeys: { current, all: [current, ...old] },
    intervalMinutes: e.SCRAPE_INTERVAL_MINUTES,
    userConcurrency: e.SCRAPE_USER_CONCURRENCY,
    dayCloseAt: { hour, minute },
    leaseTtlMs: e.LEASE_TTL_SECONDS * 1_000,
    workerId: e.WORKER_ID ?? `${hostname()}:${process.pid}`,
    ...(e.WORKER_METRICS_PORT === undefined
      ? {}
      : { metrics: { port: e.WORKER_METRICS_PORT, host: e.WORKER_METRICS_HOST } }),
    demoEnabled: e.DEMO_ENABLED,
    logLevel: e.LOG_LEVEL,
  };
}
