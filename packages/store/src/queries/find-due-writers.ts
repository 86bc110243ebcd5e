import { ALWAYS_DUE, DUE_FIELDS, type DueFields } from '../due-at.js';
import type { StoreModels, UserDoc } from '../models.js';

/** What the tick needs of a due writer before leasing it; the lease holder reads the rest. */
export type DueWriter = Pick<UserDoc, '_id' | 'username'> &
  DueFields & { scrape: UserDoc['scrape'] };

/** A projection of `DueWriter`: without the encrypted tokens. */
export const DUE_WRITER_FIELDS = { username: 1, ...DUE_FIELDS } as const;

/**
 * The writers whose due time has come, and the earliest due time after `now` (`null`: none),
 * in one pass over the `scrape.dueAt` index in order: on MongoDB it reads the due writers and
 * one more; on FerretDB it is one scan, which is why a tick asks the wake document first
 * (scheduler-state.ts). The range starts at the earliest due time there is, so that writers
 * who are never due (`null`) fall outside it.
 */
export async function findDueWriters(
  models: StoreModels,
  now: Date,
): Promise<{ due: DueWriter[]; laterDueAt: Date | null }> {
  const cursor = models.User.collection
    .find({ 'scrape.dueAt': { $gte: ALWAYS_DUE } }, { projection: DUE_WRITER_FIELDS })
    .sort({ 'scrape.dueAt': 1 });
  const due: DueWriter[] = [];
  try {
    for await (const user of cursor) {
      const writer = user as unknown as DueWriter;
      const dueAt = writer.scrape.dueAt as Date;
      if (dueAt > now) return { due, laterDueAt: dueAt };
      due.push(writer);
    }
    return { due, laterDueAt: null };
  } finally {
    await cursor.close();
  }
}
