import type { Connection } from 'mongoose';
import { type MigrationOutcome, runMigrations } from './migrations/registry.js';
import { ensureStoreIndexes, type IndexReport } from './models.js';

export interface PreparedStore {
  migrations: MigrationOutcome[];
  indexes: IndexReport;
}

/**
 * What every process does with a database before using it: run the migrations not yet
 * recorded (migrations/registry.ts; a no-op once all are) and bring the indexes in line with
 * the schemas. The API, the worker and `worker migrate` all call it, so whichever starts first
 * after an upgrade converts the data.
 */
export async function prepareStore(connection: Connection): Promise<PreparedStore> {
  const migrations = await runMigrations(connection);
  const indexes = await ensureStoreIndexes(connection);
  return { migrations, indexes };
}

/** The migrations that changed stored documents (a first start on an empty database changes none). */
export function describeUpgrades(prepared: PreparedStore): string[] {
  return prepared.migrations
    .filter(
      (outcome) =>
        outcome.status === 'applied' && Object.values(outcome.counts).some((count) => count > 0),
    )
    .map((outcome) => `${outcome.id}: ${outcome.description} (${describeCounts(outcome.counts)})`);
}

export function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([name, count]) => `${count} ${name}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing to change';
}
