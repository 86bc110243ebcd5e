import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { storeModels } from './models.js';
import { SCRAPE_RUNS_KEPT, saveScrapeRun } from './scrape-runs.js';

const db = useTestDatabase();

function run(userId: string, n: number) {
  const at = new Date(Date.UTC(2026, 11, 1, 0, n));
  return {
    runId: `run-${n}`,
    userId,
    workerId: 'w',
    startedAt: at,
    endedAt: at,
    outcome: 'ok' as const,
    counts: { requests: 1, posts: 0, statsFailed: 0, monthsWritten: 0, detailsWritten: 0 },
    errors: [],
  };
}

describe('scrape run records', () => {
  it('keeps a writer’s newest runs, between SCRAPE_RUNS_KEPT and twice as many', async () => {
    const models = storeModels(db.connection);
    const runIds = async () =>
      (await models.ScrapeRun.find({ userId: 'a' }).lean()).map((doc) => doc.runId).sort();
    for (let n = 0; n < 2 * SCRAPE_RUNS_KEPT - 1; n += 1)
      await saveScrapeRun(models, run('a', n), n);
    expect(await models.ScrapeRun.countDocuments({ userId: 'a' })).toBe(2 * SCRAPE_RUNS_KEPT - 1);
    // The run that completes the second batch deletes the first.
    await saveScrapeRun(models, run('a', 2 * SCRAPE_RUNS_KEPT - 1), 2 * SCRAPE_RUNS_KEPT - 1);
    expect(await models.ScrapeRun.countDocuments({ userId: 'a' })).toBe(SCRAPE_RUNS_KEPT);
    expect(await runIds()).not.toContain(`run-${SCRAPE_RUNS_KEPT - 1}`);
    expect(await runIds()).toContain(`run-${SCRAPE_RUNS_KEPT}`);
    await saveScrapeRun(models, run('b', 0), 0);
    expect(await models.ScrapeRun.countDocuments({ userId: 'b' })).toBe(1);
  });

  it('replaces a run recorded twice under the same number', async () => {
    const models = storeModels(db.connection);
    await saveScrapeRun(models, run('c', 0), 0);
    await saveScrapeRun(models, { ...run('c', 0), outcome: 'failed' }, 0);
    expect(await models.ScrapeRun.find({ userId: 'c' }).lean()).toEqual([
      expect.objectContaining({ _id: 'c:0', outcome: 'failed' }),
    ]);
  });
});
