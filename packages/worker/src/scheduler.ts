import { ensureDemoData } from '@velog-insights/demo';
import { KST_ZONE } from '@velog-insights/shared';
import { storeModels } from '@velog-insights/store';
import type { VelogClient } from '@velog-insights/velog';
import type { Connection } from 'mongoose';
import cron, { type ScheduledTask } from 'node-cron';
import { type CycleReport, cycleContextFromConfig, runCycle } from './cycle.js';
import type { WorkerConfig } from './env.js';
import type { Logger } from './logger.js';
import type { WorkerMetrics } from './metrics.js';
import { type DeliveryReport, deliverOutbox } from './outbox/deliver.js';
import { deliveryFromConfig } from './outbox/delivery-from-config.js';
import { createWorkerVelogClient } from './velog-client.js';

/** How often a running scheduler brings the demo's history up to now, so its "today" stays today. */
const DEMO_REFRESH_CRON = '*/30 * * * *';

export interface Scheduler {
  /**
   * Runs a cycle now unless one is running; a forced request made during a run is queued and
   * runs right after it, so the day-close run is never lost to an ordinary tick.
   */
  runNow(options?: { force?: boolean }): Promise<void>;
  /**
   * Brings the demo writer's history up to now (when `config.demoEnabled`). While a refresh
   * runs, another call is skipped: it returns the running refresh and queues nothing.
   */
  refreshDemo(): Promise<void>;
  /**
   * Delivers the outbox's due entries (alerts, digests, verification e-mails); a call while a
   * delivery runs returns that one. Runs every minute and after each cycle.
   */
  deliverNow(): Promise<void>;
  /** Stops leasing writers, lets the scrapes in flight finish, and releases the client. */
  stop(): Promise<void>;
}

/**
 * `worker schedule`: a tick every minute picks up writers whose cadence has come round or whose
 * scrape the API requested, and a day-close run shortly before KST midnight scrapes everyone so
 * each day's last snapshot is close to the day's end. Runs never overlap. With the demo enabled
 * it also writes the demo writer's history at start and appends to it every half hour: a first
 * start generates 18 months meanwhile (demo sign-in answers 503 until it is done), later runs
 * only add the time since, so the demo keeps a live "today" in a process that runs for days.
 */
export function startScheduler(input: {
  connection: Connection;
  config: WorkerConfig;
  logger: Logger;
  now?: () => Date;
  client?: VelogClient;
  /** Leave out the cron tasks and the start-up runs (tests drive `runNow` and `refreshDemo`). */
  cron?: boolean;
  onCycle?: (report: CycleReport) => void;
  onDelivery?: (report: DeliveryReport) => void;
  /** Kept up to date by every cycle and every velog request, for `/metrics`. */
  metrics?: WorkerMetrics;
}): Scheduler {
  const { connection, config, logger, metrics } = input;
  const client = input.client ?? createWorkerVelogClient(config.velog, logger, metrics);
  const context = cycleContextFromConfig(config, {
    models: storeModels(connection),
    client,
    logger,
    ...(input.now ? { now: input.now } : {}),
  });
  const delivery = deliveryFromConfig(config, {
    models: context.models,
    logger,
    ...(input.now ? { now: input.now } : {}),
  });
  let delivering: Promise<void> | null = null;
  const deliverNow = (): Promise<void> => {
    if (stopping) return Promise.resolve();
    if (delivering) return delivering;
    delivering = (async () => {
      try {
        const report = await deliverOutbox(delivery.context);
        input.onDelivery?.(report);
      } catch (error) {
        logger.error({ err: error }, 'outbox delivery failed; the next tick tries again');
      }
    })().finally(() => {
      delivering = null;
    });
    return delivering;
  };
  let stopping = false;
  let running: Promise<void> | null = null;
  let forceQueued = false;
  let demoRunning: Promise<void> | null = null;

  const runNow = ({ force = false } = {}): Promise<void> => {
    if (stopping) return Promise.resolve();
    if (force) forceQueued = true;
    if (running) return running;
    running = (async () => {
      let first = true;
      while (!stopping && (first || forceQueued)) {
        first = false;
        const forced = forceQueued;
        forceQueued = false;
        try {
          const report = await runCycle(context, { force: forced, shouldStop: () => stopping });
          metrics?.recordCycle(report);
          input.onCycle?.(report);
          // What the cycle queued goes out now, not at the next minute.
          if (report.reports.length > 0) void deliverNow();
        } catch (error) {
          logger.error({ err: error }, 'cycle failed');
        }
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const refreshDemo = (): Promise<void> => {
    if (stopping || !config.demoEnabled) return Promise.resolve();
    if (demoRunning) return demoRunning;
    demoRunning = (async () => {
      const started = performance.now();
      try {
        const report = await ensureDemoData({ connection, now: context.now() });
        logger.info(
          { demo: report, ms: Math.round(performance.now() - started) },
          'demo data ready',
        );
      } catch (error) {
        // Stopping mid-way is harmless: each month is written whole against what was read, and
        // the next start extends whatever months are there.
        if (!stopping) logger.error({ err: error }, 'demo data could not be prepared');
      }
    })().finally(() => {
      demoRunning = null;
    });
    return demoRunning;
  };

  const tasks: ScheduledTask[] = [];
  if (input.cron !== false) {
    const { hour, minute } = config.dayCloseAt;
    tasks.push(
      cron.schedule('* * * * *', () => void runNow(), {
        name: 'worker-tick',
        timezone: KST_ZONE,
        noOverlap: true,
      }),
      cron.schedule(`${minute} ${hour} * * *`, () => void runNow({ force: true }), {
        name: 'worker-day-close',
        timezone: KST_ZONE,
        noOverlap: true,
      }),
      cron.schedule('* * * * *', () => void deliverNow(), {
        name: 'worker-outbox',
        timezone: KST_ZONE,
        noOverlap: true,
      }),
    );
    if (config.demoEnabled) {
      tasks.push(
        cron.schedule(DEMO_REFRESH_CRON, () => void refreshDemo(), {
          name: 'worker-demo-refresh',
          timezone: KST_ZONE,
          noOverlap: true,
        }),
      );
    }
    void runNow();
    void refreshDemo();
    void deliverNow();
  }

  return {
    runNow,
    refreshDemo,
    deliverNow,
    stop: async () => {
      stopping = true;
      await Promise.all(tasks.map((task) => task.destroy()));
      await Promise.all([running, demoRunning]);
      await delivering;
      delivery.close();
      if (!input.client) await client.close();
    },
  };
}
