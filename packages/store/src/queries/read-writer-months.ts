import {
  indexMonths,
  type KstDate,
  kstMonthOf,
  kstMonthsBetween,
  type MonthIndex,
  type StatsMonth,
  statsMonthId,
} from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { readLatestStatsMonth, readStatsMonth } from '../months/stats-months.js';
import { monthCache, monthToken } from './month-cache.js';
import { type ReadOptions, throwIfAborted } from './read-options.js';

export interface WriterMonths {
  index: MonthIndex;
  /** The writer's newest month: its post counters are the current totals. */
  latest: StatsMonth | null;
}

/**
 * What every dashboard read needs for a range: the writer's newest month (its post counters
 * are the current totals), read fresh by `_id`, and the months the range touches. Earlier
 * months come from the process's cache while the newest month is unchanged (month-cache.ts),
 * else by `_id`, in parallel. The cost follows the months shown, never the number of posts
 * or days, and a range a writer already looked at costs one read.
 *
 * The newest month is looked for from today's month back to `since`: no month before the
 * writer's first observation can hold data, so a writer with none yet costs a few reads, not
 * a search back through every month there could have been.
 */
export async function readWriterMonths(
  models: StoreModels,
  userId: string,
  range: { from: KstDate; to: KstDate },
  today: KstDate,
  options: ReadOptions & {
    /** The earliest day the writer can have been observed on (their sign-in); unbounded if absent. */
    since?: KstDate | null | undefined;
    /** A second range whose months are read too (the summary's recent days), not those between. */
    alsoRange?: { from: KstDate; to: KstDate } | undefined;
  } = {},
): Promise<WriterMonths> {
  const { signal } = options;
  throwIfAborted(signal);
  const sinceMonth = options.since ? kstMonthOf(options.since) : undefined;
  const latest = await readLatestStatsMonth(models, userId, kstMonthOf(today), sinceMonth);
  if (latest === null) return { index: indexMonths([]), latest: null };

  const cache = monthCache(models);
  const token = monthToken(latest);
  // Not bounded by `since`: legacy buckets put reads in months before a writer's first scrape.
  // Only the months the ranges touch: a range years back costs its own months, not every month
  // from it to today.
  const touched = new Set(kstMonthsBetween(range.from, range.to));
  if (options.alsoRange) {
    for (const month of kstMonthsBetween(options.alsoRange.from, options.alsoRange.to)) {
      touched.add(month);
    }
  }
  const wanted = [...touched].filter((month) => month < latest.month);
  throwIfAborted(signal);
  const earlier = await Promise.all(
    wanted.map(async (month) => {
      const id = statsMonthId(userId, month);
      const cached = cache.get(id, token);
      if (cached !== undefined) return cached.month;
      const read = await readStatsMonth(models, userId, month);
      cache.set(id, token, read);
      return read;
    }),
  );
  const months = [...earlier.filter((m): m is StatsMonth => m !== null), latest];
  return { index: indexMonths(months), latest };
}
