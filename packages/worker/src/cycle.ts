import { randomUUID } from 'node:crypto';
import {
  acquireLease,
  isDatabaseUnavailable,
  refreshDueAt,
  releaseLease,
  type StoreModels,
  type UserDoc,
} from '@velog-insights/store';
import type { VelogClient } from '@velog-insights/velog';
import pLimit from 'p-limit';
import { type AlertSettings, noticeOccasions } from './alerts/occasions.js';
import {
  type CycleWriter,
  correctDueTimes,
  type DueTimes,
  findCycleWriters,
  storeNextWake,
} from './cycle-writers.js';
import type { WorkerConfig } from './env.js';
import { holdLease, type LeaseSettings } from './lease.js';
import type { Logger } from './logger.js';
import { isUserDue } from './scrape/due.js';
import {
  emptyScrapeCounts,
  type ScrapeContext,
  type ScrapeReport,
  scrapeUser,
} from './scrape-user.js';

export interface CycleContext extends ScrapeContext, LeaseSettings {
  /** Writers scraped at the same time by this worker. */
  userConcurrency: number;
  /** What alerts can be queued (alerts/occasions.ts); absent: webhooks only. */
  alerts?: AlertSettings;
}

/** The context a cycle runs in, from the parsed configuration and the process's I/O. */
export function cycleContextFromConfig(
  config: WorkerConfig,
  io: { models: StoreModels; client: VelogClient; logger: Logger; now?: () => Date },
): CycleContext {
  return {
    models: io.models,
    client: io.client,
    logger: io.logger,
    now: io.now ?? (() => new Date()),
    tokenKeys: config.tokenKeys,
    workerId: config.workerId,
    intervalMinutes: config.intervalMinutes,
    listingViews: config.listingViews,
    leaseTtlMs: config.leaseTtlMs,
    userConcurrency: config.userConcurrency,
    alerts: { mailOn: config.delivery.mail !== null },
  };
}

export interface CycleOptions {
  /** Scrape every active writer not yet scraped in this cycle, due or not. */
  force?: boolean;
  /** Only this writer. */
  username?: string;
  /** Checked before each lease is taken: once true, no further writer is started. */
  shouldStop?: () => boolean;
  /** Called as each writer's scrape ends (the CLI prints a line). */
  onReport?: (report: ScrapeReport) => void;
}

export type SkipReason =
  | 'not-due'
  | 'claimed-elsewhere'
  | 'reauth-required'
  | 'stopping'
  | 'database-unavailable';

export interface CycleReport {
  startedAt: Date;
  endedAt: Date;
  reports: ScrapeReport[];
  skipped: { userId: string; username: string; reason: SkipReason }[];
  /** `--user` named no stored writer. */
  userNotFound: boolean;
  /** Leases this cycle took over from workers that had stopped renewing them. */
  takeovers: { userId: string; fromWorkerId: string }[];
  /**
   * The database stopped answering during the cycle: no further writer was started, and the
   * writers in flight ended failed (their leases run out by themselves).
   */
  databaseUnavailable?: { message: string };
}

/**
 * One pass over the writers: each due writer is leased exclusively (the lease renewed while its
 * scrape runs), checked again (another worker may have scraped it meanwhile), scraped, given its
 * next due time, and released. An
 * ordinary tick finds the due writers through the wake document and the due-time index
 * (cycle-writers.ts), so one with nobody due reads one document.
 */
export async function runCycle(
  context: CycleContext,
  options: CycleOptions = {},
): Promise<CycleReport> {
  const { models, now } = context;
  const startedAt = now();
  const force = options.force ?? false;
  const found = await findCycleWriters(models, {
    username: options.username,
    force,
    now: startedAt,
  });
  const users = found?.users ?? [];
  // Each writer's due time once this cycle is done with it: what the next wake time is from.
  const dueTimes: DueTimes = new Map(users.map((user) => [user._id, user.scrape?.dueAt]));
  const report: CycleReport = {
    startedAt,
    endedAt: startedAt,
    reports: [],
    skipped: [],
    userNotFound: options.username !== undefined && users.length === 0,
    takeovers: [],
  };
  const skip = (user: Pick<UserDoc, '_id' | 'username'>, reason: SkipReason) =>
    report.skipped.push({ userId: user._id, username: user.username, reason });

  const passedOver: CycleWriter[] = [];
  const candidates = users.filter((user) => {
    if (user.authStatus !== 'active' || !user.tokens) {
      if (options.username) skip(user, 'reauth-required');
      passedOver.push(user);
      return false;
    }
    const due = isUserDue(user, { now: now(), startedAt, force });
    if (!due && options.username) skip(user, 'not-due');
    if (!due) passedOver.push(user);
    return due;
  });
  await correctDueTimes(models, passedOver, dueTimes);

  // Once the database is gone, every writer would wait out its own timeouts in turn: the
  // cycle stops instead, and the next one (or the next run) starts over.
  const databaseLost = (error: unknown): boolean => {
    if (!isDatabaseUnavailable(error)) return false;
    report.databaseUnavailable ??= {
      message: error instanceof Error ? error.message : String(error),
    };
    return true;
  };
  const limit = pLimit(context.userConcurrency);
  await Promise.all(
    candidates.map((candidate) =>
      limit(async () => {
        if (options.shouldStop?.()) return skip(candidate, 'stopping');
        if (report.databaseUnavailable) return skip(candidate, 'database-unavailable');
        const runId = randomUUID();
        let attempt: Awaited<ReturnType<typeof acquireLease>>;
        try {
          attempt = await acquireLease(models, {
            userId: candidate._id,
            workerId: context.workerId,
            runId,
            now: now(),
            ttlMs: context.leaseTtlMs,
          });
        } catch (error) {
          if (databaseLost(error)) return skip(candidate, 'database-unavailable');
          throw error;
        }
        if (!attempt.acquired) return skip(candidate, 'claimed-elsewhere');
        if (attempt.tookOver) {
          report.takeovers.push({
            userId: candidate._id,
            fromWorkerId: attempt.tookOver.workerId,
          });
          context.logger.warn(
            {
              userId: candidate._id,
              runId,
              fromWorkerId: attempt.tookOver.workerId,
              fromRunId: attempt.tookOver.runId,
              expiredAt: attempt.tookOver.expiresAt,
            },
            'lease taken over from a worker that stopped renewing it',
          );
        }
        const lease = holdLease(context, context, { userId: candidate._id, runId });
        let dueStored = false;
        try {
          const user = await models.User.findById(candidate._id).lean();
          if (!user || !isUserDue(user, { now: now(), startedAt, force })) {
            return skip(candidate, 'not-due');
          }
          const result = await scrapeUser(context, user, lease);
          await noticeAfterScrape(context, user, result);
          const lost = result.errors.find((error) => error.code === 'database-unavailable');
          if (lost) report.databaseUnavailable ??= { message: lost.message };
          if (result.dueAt !== undefined) {
            dueStored = true;
            dueTimes.set(candidate._id, result.dueAt);
          }
          report.reports.push(result);
          options.onReport?.(result);
        } catch (error) {
          databaseLost(error);
          context.logger.error({ userId: candidate._id, runId, err: error }, 'user scrape crashed');
          const failed: ScrapeReport = {
            userId: candidate._id,
            username: candidate.username,
            runId,
            outcome: 'failed',
            reauthRequired: false,
            counts: emptyScrapeCounts(),
            errors: [
              {
                code: 'scrape-crashed',
                message: error instanceof Error ? error.message : String(error),
              },
            ],
            viewsFrom: null,
            startedAt: now(),
            endedAt: now(),
          };
          report.reports.push(failed);
          options.onReport?.(failed);
        } finally {
          lease.stop();
          // A run that could not store its due time with its end (it crashed, or a request
          // came in meanwhile): worked out again here, under the lease. A run that lost its
          // lease leaves the writer to the worker that took it over.
          if (!report.databaseUnavailable) {
            if (!dueStored && !lease.signal.aborted) {
              const next = await storeNextDueAt(context, candidate._id, runId);
              if (next !== undefined) dueTimes.set(candidate._id, next);
            }
            await releaseLease(models, candidate._id, runId).catch((error: unknown) => {
              // Unreleased, it runs out by itself within the TTL.
              databaseLost(error);
              context.logger.warn(
                { userId: candidate._id, runId, err: error },
                'lease not released',
              );
            });
          }
        }
      }),
    ),
  );
  if (found?.wake && !report.databaseUnavailable) {
    await storeNextWake(models, context.logger, found.wake, { dueTimes, now: now() });
  }
  if (report.databaseUnavailable) {
    context.logger.error(
      { workerId: context.workerId, err: report.databaseUnavailable },
      'the database stopped answering: cycle stopped',
    );
  }
  report.endedAt = now();
  const outcomes = { ok: 0, partial: 0, failed: 0 };
  for (const result of report.reports) outcomes[result.outcome] += 1;
  // A tick that found nobody due stays out of the operator's way.
  const level = report.reports.length > 0 ? 'info' : 'debug';
  context.logger[level](
    {
      workerId: context.workerId,
      force,
      users: users.length,
      scraped: report.reports.length,
      skipped: report.skipped.length,
      takeovers: report.takeovers.length,
      ...outcomes,
      requests: report.reports.reduce((sum, result) => sum + result.counts.requests, 0),
      durationMs: report.endedAt.getTime() - startedAt.getTime(),
    },
    'cycle',
  );
  return report;
}

/**
 * A failure here leaves the writer's earlier due time in place: the next tick's due query
 * returns the writer, its fields say it is not due, and the tick corrects it (a write, not a
 * scrape).
 */
async function storeNextDueAt(
  context: CycleContext,
  userId: string,
  runId: string,
): Promise<Date | null | undefined> {
  try {
    return await refreshDueAt(context.models, userId);
  } catch (error) {
    context.logger.warn({ userId, runId, err: error }, 'next due time not stored');
    return undefined;
  }
}

/**
 * The alerts a scrape's end reveals, queued while the lease is held. A failure here (the
 * database, a read) costs at most those alerts, never the scrape or its record.
 */
async function noticeAfterScrape(
  context: CycleContext,
  user: UserDoc,
  result: ScrapeReport,
): Promise<void> {
  const cutOff = result.errors.some(
    (error) => error.code === 'lease-lost' || error.code === 'database-unavailable',
  );
  if (cutOff) return;
  try {
    await noticeOccasions(context, user, result);
  } catch (error) {
    context.logger.warn(
      { userId: user._id, runId: result.runId, err: error },
      'alerts not noticed; the next run looks again',
    );
  }
}
