import type { Connection } from 'mongoose';
import { migrateScrapeDueAt } from './migrations/scrape-due-at.js';
import { type MigrationReport, migrateToStatsMonths } from './migrations/stats-months-v1.js';
import { ensureStoreIndexes } from './models.js';

/**
 * What every process does with a database before using it: bring its layout up to this
 * version (once; a no-op afterwards) and create the indexes. The worker and the API both call
 * it, so whichever starts first after an upgrade converts the data.
 */
export async function prepareStore(connection: Connection): Promise<MigrationReport> {
  const migrated = await migrateToStatsMonths(connection);
  await migrateScrapeDueAt(connection);
  await ensureStoreIndexes(connection);
  return migrated;
}
