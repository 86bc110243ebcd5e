import { DEMO_USER_ID } from '@velog-insights/demo';
import { addKstDays, kstMonthOf, toKstDate } from '@velog-insights/shared';
import { generateTokenKey, readLatestStatsMonth, storeModels } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { loadWorkerEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { startScheduler } from '../src/scheduler.js';
import { captureLogs } from './world.js';

const db = useTestDatabase();

function config(demoEnabled: string) {
  return loadWorkerEnv({
    MONGODB_URI: db.uri,
    TOKEN_ENCRYPTION_KEY: generateTokenKey(),
    // No velog at all: the demo needs none, and no writer is scraped here.
    VELOG_V3_URL: 'http://127.0.0.1:9/graphql',
    VELOG_STATS_URL: 'http://127.0.0.1:9/graphql',
    DEMO_ENABLED: demoEnabled,
  });
}

describe('the scheduler’s demo writer', () => {
  it('writes nothing with DEMO_ENABLED=false', async () => {
    const scheduler = startScheduler({
      connection: db.connection,
      config: config('false'),
      logger: createLogger({ level: 'silent' }),
      cron: false,
    });
    try {
      await scheduler.refreshDemo();
      expect(await storeModels(db.connection).User.countDocuments()).toBe(0);
    } finally {
      await scheduler.stop();
    }
  });

  it('keeps the demo’s history current while it runs, not only at start-up', {
    timeout: 90_000,
  }, async () => {
    const start = new Date('2026-11-22T03:00:00Z');
    let now = start;
    const { lines, stream } = captureLogs();
    const scheduler = startScheduler({
      connection: db.connection,
      config: config('true'),
      logger: createLogger({ level: 'info', destination: stream }),
      now: () => now,
      cron: false,
    });
    const models = storeModels(db.connection);
    const { User } = models;
    const newestDemoDay = async () =>
      (await readLatestStatsMonth(models, DEMO_USER_ID, kstMonthOf(toKstDate(now))))?.last;
    const refreshes = () =>
      lines.filter((line) => JSON.parse(line).msg === 'demo data ready').length;

    try {
      // A tick that comes while a refresh runs (a first start writes 18 months) is skipped: it
      // joins the running refresh and queues no second one.
      const first = scheduler.refreshDemo();
      const tick = scheduler.refreshDemo();
      expect(tick).toBe(first);
      await Promise.all([first, tick]);
      expect(refreshes()).toBe(1);
      expect(await newestDemoDay()).toBe(toKstDate(start));
      // What the API reads as "the demo is ready".
      expect((await User.findById(DEMO_USER_ID).lean())?.scrape.lastFinishedAt).toEqual(start);

      // The process runs on past midnight: the next refresh appends the new day.
      now = new Date(start.getTime() + 86_400_000);
      await scheduler.refreshDemo();
      expect(refreshes()).toBe(2);
      expect(await newestDemoDay()).toBe(addKstDays(toKstDate(start), 1));
    } finally {
      await scheduler.stop();
    }
  });
});
