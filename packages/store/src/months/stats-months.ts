import {
  type KstDate,
  type KstMonth,
  kstMonthsBetween,
  previousKstMonth,
  StatsMonth,
  statsMonthId,
} from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { updatePaths } from '../update-paths.js';
import { decodeMonth, encodeMonth, type StoredMonth } from './month-codec.js';

/** Months a writer may go without a scrape before a backward search gives up on finding data. */
const MAX_SILENT_MONTHS = 240;

function toStatsMonth(doc: unknown): StatsMonth {
  const { _id, ...fields } = doc as { _id: string } & StoredMonth;
  return decodeMonth(fields);
}

/** One month of a writer, read by `_id`; `null` when nothing was recorded in it. */
export async function readStatsMonth(
  models: StoreModels,
  userId: string,
  month: KstMonth,
): Promise<StatsMonth | null> {
  const doc = await models.StatsMonth.collection.findOne({
    _id: statsMonthId(userId, month) as never,
  });
  return doc === null ? null : toStatsMonth(doc);
}

/**
 * The months a range of days touches, each read by `_id` (FerretDB uses an index for nothing
 * else), in parallel. A month with no document is left out.
 */
export async function readStatsMonths(
  models: StoreModels,
  userId: string,
  range: { from: KstDate; to: KstDate },
): Promise<StatsMonth[]> {
  const months = await Promise.all(
    kstMonthsBetween(range.from, range.to).map((month) => readStatsMonth(models, userId, month)),
  );
  return months.filter((month): month is StatsMonth => month !== null);
}

/**
 * The writer's latest month at or before `month`: the one whose counters are current. Usually
 * the first read answers; a writer away for months costs one read per silent month.
 */
export async function readLatestStatsMonth(
  models: StoreModels,
  userId: string,
  month: KstMonth,
  notBefore?: KstMonth,
): Promise<StatsMonth | null> {
  let candidate = month;
  for (let step = 0; step < MAX_SILENT_MONTHS; step += 1) {
    const found = await readStatsMonth(models, userId, candidate);
    if (found !== null) return found;
    if (notBefore !== undefined && candidate <= notBefore) return null;
    candidate = previousKstMonth(candidate);
  }
  return null;
}

/**
 * Stores a month's next version: a new month is inserted whole, an existing one updated with
 * only its changed paths (`$set`/`$unset`), so a scrape in which k posts moved writes O(k)
 * fields of one document.
 */
export async function writeStatsMonth(
  models: StoreModels,
  before: StatsMonth | null,
  after: StatsMonth,
): Promise<boolean> {
  const _id = statsMonthId(after.userId, after.month);
  const collection = models.StatsMonth.collection;
  if (before === null) {
    try {
      await collection.insertOne({ _id, ...encodeMonth(StatsMonth.parse(after)) } as never);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 11000) throw error;
      // Written meanwhile (a retried run): fall through to an update against what is there.
      const stored = await readStatsMonth(models, after.userId, after.month);
      return writeStatsMonth(models, stored, after);
    }
  }
  const update = updatePaths(encodeMonth(before) as never, encodeMonth(after) as never);
  if (update === null) return false;
  await collection.updateOne({ _id: _id as never }, update);
  return true;
}
