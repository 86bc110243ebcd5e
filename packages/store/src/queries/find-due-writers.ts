import { DUE_FIELDS, type DueFields } from '../due-at.js';
import type { StoreModels, UserDoc } from '../models.js';

/** What the tick needs of a due writer before claiming it; the claim reads the rest. */
export type DueWriter = Pick<UserDoc, '_id' | 'username'> &
  DueFields & { scrape: UserDoc['scrape'] };

/** A projection of `DueWriter`: without the encrypted tokens. */
export const DUE_WRITER_FIELDS = { username: 1, ...DUE_FIELDS } as const;

/**
 * The writers whose due time has come, through the `scrape.dueAt` index: on MongoDB it reads
 * those writers only; on FerretDB it is a scan, which is why a tick asks the wake document
 * (scheduler-state.ts) first. A writer with no due time is `null` there, which `$lte` skips.
 */
export async function findDueWriters(models: StoreModels, now: Date): Promise<DueWriter[]> {
  return models.User.find({ 'scrape.dueAt': { $lte: now } })
    .select(DUE_WRITER_FIELDS)
    .lean<DueWriter[]>();
}
