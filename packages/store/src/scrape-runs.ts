import type { ScrapeRunDoc, StoreModels } from './models.js';

/** Runs kept per writer, at least: enough to see a day of half-hourly scrapes and what went wrong. */
export const SCRAPE_RUNS_KEPT = 50;

const runId = (userId: string, runNumber: number) => `${userId}:${runNumber}`;

/**
 * Records a scrape run as a new document `<userId>:<run number>`. Every SCRAPE_RUNS_KEPT runs
 * the batch before the last SCRAPE_RUNS_KEPT is deleted by `_id`, so a writer keeps between
 * SCRAPE_RUNS_KEPT and twice as many. Inserting rather than overwriting a ring slot matters on
 * FerretDB v1, whose SQLite backend finds an update's or a delete's document by scanning the
 * collection (docs/database.md): a run record is one cheap insert, and the scan comes once per
 * SCRAPE_RUNS_KEPT runs. Neither needs a TTL index, which FerretDB v1 lacks.
 */
export async function saveScrapeRun(
  models: StoreModels,
  run: Omit<ScrapeRunDoc, '_id'>,
  runNumber: number,
): Promise<void> {
  const collection = models.ScrapeRun.collection;
  // A repeated run number (a retried write) replaces its own record instead of failing.
  await collection
    .insertOne({ _id: runId(run.userId, runNumber) as never, ...run })
    .catch(async (error: unknown) => {
      if ((error as { code?: unknown }).code !== 11000) throw error;
      await collection.replaceOne({ _id: runId(run.userId, runNumber) as never }, run);
    });
  if (runNumber >= 2 * SCRAPE_RUNS_KEPT - 1 && (runNumber + 1) % SCRAPE_RUNS_KEPT === 0) {
    const from = runNumber + 1 - 2 * SCRAPE_RUNS_KEPT;
    const expired = Array.from({ length: SCRAPE_RUNS_KEPT }, (_, i) => runId(run.userId, from + i));
    await collection.deleteMany({ _id: { $in: expired as never[] } });
  }
}
