import type { Connection, mongo } from 'mongoose';
import { DUE_FIELDS, type DueFields, scrapeDueAt } from '../due-at.js';
import { storeModels } from '../models.js';
import { markDueBy } from '../scheduler-state.js';

export const SCRAPE_DUE_AT_MIGRATION = '2026-12-scrape-due-at';

interface MigrationDoc {
  _id: string;
  startedAt: Date;
  finishedAt: Date | null;
}

type StoredUser = DueFields & { _id: string };

const BATCH = 1_000;

/**
 * Gives every writer stored before `scrape.dueAt` existed the due time its fields say, so the
 * tick's indexed query finds it, then lowers the wake time to the earliest. Only documents
 * without the field are written, and only while they still lack it (a login or scrape since
 * wrote a newer one), so a run stopped part-way is finished by the next start and a finished
 * one costs one read. Passes repeat until one finds nothing: a write during a pass may move a
 * document its cursor has yet to reach.
 */
export async function migrateScrapeDueAt(
  connection: Connection,
  options: { now?: () => Date } = {},
): Promise<{ id: string; ran: boolean; writers: number }> {
  const now = options.now ?? (() => new Date());
  const db = connection.db;
  if (!db) throw new Error('migrateScrapeDueAt: the connection is not open');
  const migrations = db.collection<MigrationDoc>('migrations');
  const report = { id: SCRAPE_DUE_AT_MIGRATION, ran: false, writers: 0 };
  const record = await migrations.findOne({ _id: SCRAPE_DUE_AT_MIGRATION });
  if (record?.finishedAt) return report;
  if (record === null) {
    await migrations.updateOne(
      { _id: SCRAPE_DUE_AT_MIGRATION },
      { $set: { startedAt: now(), finishedAt: null } },
      { upsert: true },
    );
  }

  const users = db.collection<StoredUser>('users');
  const missing = { 'scrape.dueAt': { $exists: false } };
  let earliest: Date | null = null;
  for (;;) {
    let written = 0;
    let batch: mongo.AnyBulkWriteOperation<StoredUser>[] = [];
    const flush = async () => {
      if (batch.length > 0) written += (await users.bulkWrite(batch)).modifiedCount;
      batch = [];
    };
    const cursor = users.find(missing, { projection: DUE_FIELDS });
    for await (const user of cursor) {
      const dueAt = scrapeDueAt(user);
      if (dueAt !== null && (earliest === null || dueAt < earliest)) earliest = dueAt;
      batch.push({
        updateOne: {
          filter: { _id: user._id, ...missing },
          update: { $set: { 'scrape.dueAt': dueAt } },
        },
      });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    report.writers += written;
    if (written === 0) break;
  }
  report.ran = report.writers > 0;
  if (earliest !== null) await markDueBy(storeModels(connection), earliest);
  await migrations.updateOne({ _id: SCRAPE_DUE_AT_MIGRATION }, { $set: { finishedAt: now() } });
  return report;
}
