import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isAppError } from '@velog-insights/shared';
import {
  checkTokenKeys,
  describeCounts,
  describeOldKeys,
  prepareStore,
  storeModels,
} from '@velog-insights/store';
import mongoose, { type ConnectOptions } from 'mongoose';
import { cycleContextFromConfig, runCycle } from './cycle.js';
import { loadWorkerEnv, type WorkerConfig } from './env.js';
import { createLogger, type Logger } from './logger.js';
import { createWorkerMetrics, serveMetrics } from './metrics.js';
import { deliverOutbox } from './outbox/deliver.js';
import { deliveryFromConfig } from './outbox/delivery-from-config.js';
import { startScheduler } from './scheduler.js';
import type { ScrapeReport } from './scrape-user.js';
import { createWorkerVelogClient } from './velog-client.js';

const USAGE = 'usage: worker schedule | worker once [--user <username>] [--force] | worker migrate';

/**
 * Exit codes of `worker once`: all ok, some writer failed or partial, bad configuration (also a
 * TOKEN_ENCRYPTION_KEY the stored tokens were not encrypted with; `worker schedule` too).
 * `worker migrate`: done, a migration failed, bad configuration.
 */
export const EXIT = { ok: 0, someFailed: 1, badConfig: 2 } as const;

function progressLine(report: ScrapeReport): string {
  const { counts } = report;
  const reason = report.outcome === 'ok' ? undefined : report.errors[0];
  const note = report.reauthRequired
    ? ' (tokens no longer sign in: sign in again)'
    : reason
      ? ` (${reason.code}: ${reason.message})`
      : '';
  return (
    `${report.username}: ${report.outcome}${note} — ${counts.posts} posts, ${counts.requests} requests, ` +
    `${counts.statsFailed} stats failed, wrote ${counts.monthsWritten} month document(s)` +
    (counts.detailsWritten > 0 ? ' and the post details' : '')
  );
}

/**
 * Without buffering, an operation while the database is gone fails after server selection
 * (5 s) instead of queueing in mongoose: a cycle notices at its next write and stops, so
 * `worker once` exits 1 within seconds and the next run starts over.
 */
const WORKER_CONNECTION_OPTIONS = {
  serverSelectionTimeoutMS: 5_000,
  bufferCommands: false,
} as const satisfies ConnectOptions;

async function connect(config: WorkerConfig, logger: Logger) {
  const connection = await mongoose
    .createConnection(config.mongodbUri, WORKER_CONNECTION_OPTIONS)
    .asPromise();
  try {
    await prepareStore(connection);
    // A wrong key is found here, once (exit code 2), not in every writer's scrape.
    const keys = await checkTokenKeys(storeModels(connection), config.tokenKeys, new Date());
    for (const { msg, ...fields } of describeOldKeys(keys)) logger.info(fields, msg);
  } catch (error) {
    // An open connection would keep the process from exiting.
    await connection.close();
    throw error;
  }
  return connection;
}

/**
 * `worker migrate`: what every start does to the database (migrations, then indexes), alone,
 * so an upgrade can be run and watched before the new version serves.
 */
async function migrate(config: WorkerConfig): Promise<number> {
  const connection = await mongoose
    .createConnection(config.mongodbUri, WORKER_CONNECTION_OPTIONS)
    .asPromise();
  try {
    const prepared = await prepareStore(connection);
    for (const outcome of prepared.migrations) {
      const when = outcome.finishedAt.toISOString();
      process.stdout.write(
        outcome.status === 'applied'
          ? `${outcome.id}: applied (${describeCounts(outcome.counts)}) — ${outcome.description}\n`
          : `${outcome.id}: already applied at ${when}\n`,
      );
    }
    const { created, dropped } = prepared.indexes;
    process.stdout.write(
      `indexes: in sync (${created.length} created, ${dropped.length} dropped` +
        `${dropped.length > 0 ? `: ${dropped.join(', ')}` : ''})\n`,
    );
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}

async function once(config: WorkerConfig, logger: Logger, args: { user?: string; force: boolean }) {
  const connection = await connect(config, logger);
  const client = createWorkerVelogClient(config.velog, logger);
  let stopping = false;
  const onSignal = () => {
    stopping = true;
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const cycle = await runCycle(
      cycleContextFromConfig(config, { models: storeModels(connection), client, logger }),
      {
        force: args.force,
        ...(args.user === undefined ? {} : { username: args.user }),
        shouldStop: () => stopping,
        onReport: (report) => process.stdout.write(`${progressLine(report)}\n`),
      },
    );
    for (const skipped of cycle.skipped) {
      process.stdout.write(`${skipped.username}: skipped (${skipped.reason})\n`);
    }
    const tally = { ok: 0, partial: 0, failed: 0 };
    for (const report of cycle.reports) tally[report.outcome] += 1;
    process.stdout.write(
      `summary: ${cycle.reports.length} scraped (${tally.ok} ok, ${tally.partial} partial, ` +
        `${tally.failed} failed), ${cycle.skipped.length} skipped\n`,
    );
    if (cycle.userNotFound) process.stdout.write(`no writer named ${args.user}\n`);
    if (!cycle.databaseUnavailable && !stopping) {
      // What this run (or an earlier one, or the API) queued: a cron-driven worker delivers too.
      const delivery = deliveryFromConfig(config, { models: storeModels(connection), logger });
      try {
        const sent = await deliverOutbox(delivery.context);
        if (sent.sent + sent.retried + sent.failed > 0) {
          process.stdout.write(
            `outbox: ${sent.sent} sent, ${sent.retried} to retry, ${sent.failed} failed\n`,
          );
        }
      } catch (error) {
        logger.error({ err: error }, 'outbox delivery failed; the next run tries again');
      } finally {
        delivery.close();
      }
    }
    if (cycle.databaseUnavailable) {
      process.stdout.write(
        `stopped: the database does not answer (${cycle.databaseUnavailable.message}); the next run starts over\n`,
      );
      return EXIT.someFailed;
    }
    if (stopping) return EXIT.ok;
    const namedButMissed =
      args.user !== undefined &&
      (cycle.userNotFound || cycle.skipped.some((skipped) => skipped.reason !== 'not-due'));
    return tally.partial + tally.failed > 0 || namedButMissed ? EXIT.someFailed : EXIT.ok;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await client.close();
    await connection.close();
  }
}

async function schedule(config: WorkerConfig, logger: Logger): Promise<number> {
  const connection = await connect(config, logger);
  const metrics = config.metrics ? createWorkerMetrics({ collectDefault: true }) : undefined;
  const served =
    config.metrics && metrics ? await serveMetrics(metrics.registry, config.metrics) : null;
  const scheduler = startScheduler({ connection, config, logger, ...(metrics ? { metrics } : {}) });
  logger.info(
    {
      workerId: config.workerId,
      intervalMinutes: config.intervalMinutes,
      demo: config.demoEnabled,
      ...(served ? { metrics: served.url } : {}),
    },
    'scheduler started',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  logger.info('stopping: finishing the scrapes in flight');
  await scheduler.stop();
  await served?.close();
  await connection.close();
  return EXIT.ok;
}

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { user: { type: 'string' }, force: { type: 'boolean', default: false } },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return EXIT.badConfig;
  }
  const [command, ...rest] = parsed.positionals;
  if ((command !== 'once' && command !== 'schedule' && command !== 'migrate') || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.badConfig;
  }
  let config: WorkerConfig;
  try {
    config = loadWorkerEnv(env);
  } catch (error) {
    process.stderr.write(`${isAppError(error) ? error.message : String(error)}\n`);
    return EXIT.badConfig;
  }
  const logger = createLogger({ level: config.logLevel });
  try {
    if (command === 'schedule') return await schedule(config, logger);
    if (command === 'migrate') return await migrate(config);
    const user = parsed.values.user;
    return await once(config, logger, {
      ...(typeof user === 'string' ? { user } : {}),
      force: parsed.values.force === true,
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'token-key-mismatch') {
      process.stderr.write(`${error.message}\n`);
      return EXIT.badConfig;
    }
    logger.error({ err: error }, 'worker stopped on an error');
    return EXIT.someFailed;
  }
}

// Run only as the entry point, so tests can import `main`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
