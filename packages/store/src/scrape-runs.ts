import type { ScrapeRunDoc, StoreModels } from './models.js';

/** Runs kept per writer: enough to see a day of half-hourly scrapes and what went wrong. */
export const SCRAPE_RUNS_KEPT = 50;

/**
 * Records a scrape run in the writer's ring of SCRAPE_RUNS_KEPT slots (`<userId>:<slot>`, the
 * slot from the writer's run count), overwriting the oldest: the history stays bounded
 * without a TTL index (FerretDB v1 has none) and without a scan to find what to delete.
 */
export async function saveScrapeRun(
  models: StoreModels,
  run: Omit<ScrapeRunDoc, '_id'>,
  runNumber: number,
): Promise<void> {
  const _id = `${run.userId}:${runNumber % SCRAPE_RUNS_KEPT}`;
  await models.ScrapeRun.collection.replaceOne({ _id: _id as never }, run, { upsert: true });
}
