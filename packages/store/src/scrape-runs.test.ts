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
  it('keeps a writer’s newest runs only, overwriting the oldest', async () => {
    const models = storeModels(db.connection);
    for (let n = 0; n < SCRAPE_RUNS_KEPT + 2; n += 1) await saveScrapeRun(models, run('a', n), n);
    await saveScrapeRun(models, run('b', 0), 0);
    expect(await models.ScrapeRun.countDocuments({ userId: 'a' })).toBe(SCRAPE_RUNS_KEPT);
    const runIds = (await models.ScrapeRun.find({ userId: 'a' }).lean()).map((doc) => doc.runId);
    expect(runIds).not.toContain('run-0');
    expect(runIds).not.toContain('run-1');
    expect(runIds).toContain(`run-${SCRAPE_RUNS_KEPT + 1}`);
    expect(await models.ScrapeRun.countDocuments({ userId: 'b' })).toBe(1);
  });
});
