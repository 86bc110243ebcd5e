import type { Connection } from 'mongoose';
import { migrateScrapeDueAt, SCRAPE_DUE_AT_MIGRATION } from './scrape-due-at.js';
import { migrateToStatsMonths, STATS_MONTHS_MIGRATION } from './stats-months-v1.js';

/** What a migration did, as counts (`{ writers: 3, months: 12 }`); recorded with it. */
export type MigrationCounts = Record<string, number>;

/**
 * One change to a stored shape. `run` must be safe to repeat: a process that dies part-way
 * leaves the migration unrecorded, and the next start runs it again from wherever it got to.
 */
export interface Migration {
  /** `<year>-<month>-<name>`, the `_id` of its record in `migrations`; never renamed. */
  id: string;
  description: string;
  run(connection: Connection): Promise<MigrationCounts>;
}

/**
 * Every migration, oldest first: each runs once, in this order, before anything reads the
 * database. A change to a stored shape appends one here (and never edits a released one).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: STATS_MONTHS_MIGRATION,
    description:
      "rebuild writers' months from the first layout's day snapshots, then drop posts, post_days and user_days",
    run: async (connection) => {
      const { writers, months } = await migrateToStatsMonths(connection);
      return { writers, months };
    },
  },
  {
    id: SCRAPE_DUE_AT_MIGRATION,
    description: 'give writers stored before scrape.dueAt the due time their fields say',
    run: async (connection) => {
      const { writers } = await migrateScrapeDueAt(connection);
      return { writers };
    },
  },
];

export interface MigrationOutcome {
  id: string;
  description: string;
  status: 'applied' | 'already-applied';
  /** When it finished: now for `applied`, the recorded time for `already-applied`. */
  finishedAt: Date;
  counts: MigrationCounts;
}

/** The record of a finished migration in the `migrations` collection. */
interface MigrationRecord {
  _id: string;
  description?: string;
  startedAt?: Date;
  finishedAt: Date | null;
  counts?: MigrationCounts;
}

/**
 * Runs the migrations not yet recorded as finished, in order, and records each (when it ran,
 * what it did). A failure stops the list there: later migrations may rely on earlier ones.
 */
export async function runMigrations(
  connection: Connection,
  options: { migrations?: readonly Migration[]; now?: () => Date } = {},
): Promise<MigrationOutcome[]> {
  const now = options.now ?? (() => new Date());
  const db = connection.db;
  if (!db) throw new Error('runMigrations: the connection is not open');
  const records = db.collection<MigrationRecord>('migrations');
  const outcomes: MigrationOutcome[] = [];
  for (const migration of options.migrations ?? MIGRATIONS) {
    const { id, description } = migration;
    const record = await records.findOne({ _id: id });
    if (record?.finishedAt) {
      outcomes.push({
        id,
        description,
        status: 'already-applied',
        finishedAt: record.finishedAt,
        counts: record.counts ?? {},
      });
      continue;
    }
    const startedAt = now();
    const counts = await migration.run(connection);
    const finishedAt = now();
    // The migrations of 2026-12 keep their own progress in the same document (`startedAt`,
    // `done`); this only adds what every record has, so an older record keeps its first start.
    await records.updateOne(
      { _id: id },
      { $set: { description, finishedAt, counts }, $setOnInsert: { startedAt } },
      { upsert: true },
    );
    outcomes.push({ id, description, status: 'applied', finishedAt, counts });
  }
  return outcomes;
}
