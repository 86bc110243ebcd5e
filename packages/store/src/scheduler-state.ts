import type { SchedulerStateDoc, StoreModels } from './models.js';

/*
 * The wake document: a lower bound on every writer's `scrape.dueAt`, so that a tick reads one
 * document by `_id` and, when the bound is still ahead, knows nobody is due without a query
 * FerretDB would answer with a scan. Whoever makes a writer due earlier writes the writer
 * first and then lowers the bound (`markDueBy`); the worker raises it only by a conditional
 * update on the version it read before querying (`storeWake`), so a lowering it did not see
 * is never overwritten.
 */

const WAKE_ID = 'next-due';

export type Wake = Pick<SchedulerStateDoc, 'at' | 'version'>;

/** The wake document, or `null` when none was written yet: then anyone may be due. */
export async function readWake(models: StoreModels): Promise<Wake | null> {
  return models.SchedulerState.findOne({ _id: WAKE_ID }).select({ at: 1, version: 1 }).lean<Wake>();
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === 11000;
}

/** Lowers the wake time to `at` if it is later: call it after the write that made someone due. */
export async function markDueBy(models: StoreModels, at: Date): Promise<void> {
  const write = () =>
    models.SchedulerState.updateOne(
      { _id: WAKE_ID },
      { $min: { at }, $inc: { version: 1 } },
      { upsert: true },
    );
  try {
    await write();
  } catch (error) {
    // Two first upserts raced to insert the document: the other one did, so ours now updates.
    if (!isDuplicateKey(error)) throw error;
    await write();
  }
}

/**
 * Sets the wake time to `at` unless the document changed since `read` was taken (`null`: since
 * there was none) — read before the due times `at` was computed from. A lowering written in
 * between has bumped the version, so it wins: the stored time is then earlier than `at`, and
 * waking early costs one query. True when `at` is what is stored now.
 */
export async function storeWake(
  models: StoreModels,
  read: Wake | null,
  at: Date,
): Promise<boolean> {
  if (read !== null && read.at.getTime() === at.getTime()) return true;
  if (read === null) {
    try {
      await models.SchedulerState.collection.insertOne({ _id: WAKE_ID, at, version: 1 } as never);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
  const result = await models.SchedulerState.updateOne(
    { _id: WAKE_ID, version: read.version },
    { $set: { at }, $inc: { version: 1 } },
  );
  return result.matchedCount === 1;
}
