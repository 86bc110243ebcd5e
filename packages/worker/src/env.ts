import { hostname } from 'node:os';
import { AppError } from '@velog-insights/shared';
import {
  describeEnvProblems,
  envVar,
  flag,
  positiveInt,
  sharedEnvShape,
  type TokenKey,
} from '@velog-insights/store';
import { z } from 'zod';
import { LISTING_VIEWS_MODES, type ListingViewsMode } from './scrape/views-source.js';

const positiveIntOr = (fallback: number) => positiveInt.default(fallback);

/**
 * Every setting the worker reads, from the environment, once, at start-up: the variables it
 * shares with the API (declared once, in the store), then its own.
 */
export const WorkerEnv = z.object({
  ...sharedEnvShape,
  VELOG_CONCURRENCY: envVar(positiveIntOr(4), {
    description: 'Requests in flight to velog, all writers together: the politeness bound.',
    invalid: '0',
  }),
  VELOG_PER_USER_CONCURRENCY: envVar(positiveIntOr(2), {
    description: 'Requests in flight to velog for one writer.',
    invalid: '0',
  }),
  VELOG_RETRIES: envVar(z.coerce.number().int().min(0).max(10).default(3), {
    description: 'Retries of a transient velog error, with exponential backoff and jitter (0–10).',
    invalid: '11',
  }),
  VELOG_RETRY_MIN_DELAY_MS: envVar(z.coerce.number().int().min(0).default(1_000), {
    description: 'The first retry’s delay, in milliseconds; each further one doubles it.',
    invalid: '-1',
  }),
  VELOG_LISTING_VIEWS: envVar(z.enum(LISTING_VIEWS_MODES).default('auto'), {
    description:
      'Where views come from. `auto`: the post list’s views, a sample checked against `getStats` each run (a writer whose list disagrees is read with `getStats` per post until they agree again); `always`: the list unchecked; `never`: `getStats` per post (the only way legacy daily buckets are imported).',
    invalid: 'sometimes',
  }),
  SCRAPE_INTERVAL_MINUTES: envVar(positiveIntOr(30), {
    description: 'How often `worker schedule` scrapes each writer, in minutes.',
    invalid: '0',
  }),
  // Most of a writer's requests go one after another (currentUser, then each listing page), so
  // it takes several writers at once to keep VELOG_CONCURRENCY requests in flight.
  SCRAPE_USER_CONCURRENCY: envVar(positiveIntOr(8), {
    description:
      'Writers scraped at the same time by one worker; by default `VELOG_CONCURRENCY` is the bound that binds.',
    invalid: '0',
  }),
  // Close to the day's end, so each KST day's last snapshot is close to its end.
  DAY_CLOSE_AT: envVar(
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (KST)')
      .default('23:50'),
    {
      description: 'KST time of the run that scrapes every writer before the day ends (HH:MM).',
      invalid: '24:00',
    },
  ),
  // A worker killed mid-scrape (or cut off from the database) loses its writers to the next
  // run this long after its last renewal.
  LEASE_TTL_SECONDS: envVar(z.coerce.number().int().min(2).max(3_600).default(120), {
    description:
      'How long a writer’s lease lasts unrenewed, in seconds (2–3600); a running scrape renews it every quarter of this.',
    invalid: '1',
  }),
  WORKER_ID: envVar(z.string().min(1).optional(), {
    description: 'Names this worker on leases and scrape runs.',
    defaultText: '<host>:<pid>',
    invalid: '',
  }),
  WORKER_METRICS_PORT: envVar(z.coerce.number().int().min(0).max(65_535).optional(), {
    description:
      '`worker schedule` serves Prometheus metrics at `/metrics` on this port; unset: none.',
    invalid: 'http',
  }),
  WORKER_METRICS_HOST: envVar(z.string().min(1).default('127.0.0.1'), {
    description:
      'The address the metrics port listens on: loopback unless a scraper elsewhere needs it.',
    invalid: '',
  }),
  // The API only reads (from the database) whether the demo is written, so only the worker
  // reads this.
  DEMO_ENABLED: envVar(flag.default(true), {
    description:
      'Write the demo writer’s history (and keep its today current) while `worker schedule` runs, so "Try the demo" works (`true`/`1`/`yes`, `false`/`0`/`no`).',
    invalid: 'maybe',
  }),
  // Alerts and the weekly digest (alerts/, outbox/).
  SMTP_URL: envVar(z.url({ protocol: /^smtps?$/ }).optional(), {
    description:
      'Where e-mail is sent, as `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; unset: no e-mail is sent (alerts still go to webhooks), said once at start.',
    invalid: 'mail.example.com',
  }),
  MAIL_FROM: envVar(z.string().min(3).default('Velog Insights <no-reply@localhost>'), {
    description:
      'The From of every e-mail, `Name <address>`; its domain also ends each e-mail’s Message-ID.',
    invalid: '',
  }),
  PUBLIC_URL: envVar(z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'), {
    description:
      'Where the dashboard is reached from outside: the base of the links in e-mails (verifying an address, unsubscribing, the dashboard).',
    invalid: 'example.com',
  }),
  // At most 2 minutes: a delivery must end well inside its 5-minute outbox claim, or another
  // worker takes the claim over and sends it again.
  WEBHOOK_TIMEOUT_MS: envVar(positiveInt.max(120_000).default(10_000), {
    description:
      'How long one webhook delivery may take before it counts as failed, in milliseconds (at most 120000).',
    invalid: '0',
  }),
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
  /** Alerts and digests: e-mail (`null`: off), the links' base, the webhook timeout. */
  delivery: {
    mail: { smtpUrl: string; from: string } | null;
    publicUrl: string;
    webhookTimeoutMs: number;
    /** Webhooks on loopback and private addresses are refused unless this is set. */
    allowPrivateWebhooks: boolean;
  };
}

/**
 * Parses the environment once. Throws `invalid-config` naming every wrong variable (never its
 * value: some are secrets).
 */
export function loadWorkerEnv(env: Record<string, string | undefined>): WorkerConfig {
  const parsed = WorkerEnv.safeParse(env);
  if (!parsed.success) {
    const problems = describeEnvProblems(parsed.error);
    throw new AppError('invalid-config', `invalid worker configuration: ${problems.join('; ')}`, {
      status: 500,
      details: problems,
    });
  }
  const e = parsed.data;
  const current = e.TOKEN_ENCRYPTION_KEY;
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
    tokenKeys: { current, all: [current, ...e.TOKEN_ENCRYPTION_OLD_KEYS] },
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
    delivery: {
      mail: e.SMTP_URL === undefined ? null : { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
      publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
      allowPrivateWebhooks: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    },
  };
}
