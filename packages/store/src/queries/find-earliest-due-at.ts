import { ALWAYS_DUE } from '../due-at.js';
import type { StoreModels, UserDoc } from '../models.js';

/**
 * The earliest due time of any writer, or `null` when nobody has one: the first entry of the
 * `scrape.dueAt` index on MongoDB. The range starts at the earliest due time there is, so that
 * `null`s (never due) fall outside it.
 */
export async function findEarliestDueAt(models: StoreModels): Promise<Date | null> {
  const first = await models.User.findOne({ 'scrape.dueAt': { $gte: ALWAYS_DUE } })
    .sort({ 'scrape.dueAt': 1 })
    .select({ 'scrape.dueAt': 1 })
    .lean<Pick<UserDoc, 'scrape'>>();
  return first?.scrape.dueAt ?? null;
}
