import { KST_ZONE } from '@velog-insights/shared';
import { storeModels } from '@velog-insights/store';
import { createVelogClient, type VelogClient } from '@velog-insights/velog';
import type { Connection } from 'mongoose';
import cron, { type ScheduledTask } from 'node-cron';
import { type CycleReport, cycleContextFromConfig, runCycle } from './cycle.js';
import type { WorkerConfig } from './env.js';
import type { Logger } from './logger.js';

export interface Scheduler {
  /**
   * Runs a cycle now unless one is running; a forced request made during a run is queued and
   * runs right after it, so the day-close run is never lost to an ordinary tick.
   */
  runNow(options?: { force?: boolean }): Promise<void>;
  /** Stops claiming writers, lets the scrapes in flight finish, and releases the client. */
  stop(): Promise<void>;
}

/**
 * `worker schedule`: a tick every minute picks up writers whose cadence has come round or whose
 * scrape the API requested, and a day-close run shortly before KST midnight scrapes everyone so
 * each day's last snapshot is close to the day's end. Runs never overlap.
 */
export function startScheduler(input: {
  connection: Connection;
  config: WorkerConfig;
  logger: Logger;
  now?: () => Date;
  client?: VelogClient;
  /** Leave out the cron tasks (tests drive `runNow`). */
  cron?: boolean;
  onCycle?: (report: CycleReport) => void;
}): Scheduler {
  const { config, logger } = input;
  const client = input.client ?? createVelogClient(config.velog);
  const context = cycleContextFromConfig(config, {
    models: storeModels(input.connection),
    client,
    logger,
    ...(input.now ? { now: input.now } : {}),
  });
  let stopping = false;
  let running: Promise<void> | null = null;
  let forceQueued = false;

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
          input.onCycle?.(report);
        } catch (error) {
          logger.error({ err: error }, 'cycle failed');
        }
      }
    })().finally(() => {
      running = null;
    });
    return running;
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
    );
    void runNow();
  }

  return {
    runNow,
    stop: async () => {
      stopping = true;
      await Promise.all(tasks.map((task) => task.destroy()));
      await running;
      if (!input.client) await client.close();
    },
  };
}
