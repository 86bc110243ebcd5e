import {
  indexMonths,
  type KstDate,
  type KstMonth,
  kstMonthOf,
  type MonthIndex,
  nextKstMonth,
  previousKstMonth,
  type StatsMonth,
} from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { readLatestStatsMonth, readStatsMonths } from '../months/stats-months.js';
import { type ReadOptions, throwIfAborted } from './read-options.js';

export interface WriterMonths {
  index: MonthIndex;
  /** The writer's newest month: its post counters are the current totals. */
  latest: StatsMonth | null;
}

/**
 * What every dashboard read needs for a range: the months it touches, each read by `_id`, plus
 * the newest month for current totals when the range does not hold it. The cost follows the
 * months shown, never the number of posts or days.
 *
 * The newest month is looked for after the range first (up to today's month), then, when the
 * range holds nothing, before it, down to `since`: no month before the writer's first
 * observation can be the newest, so a writer with no data yet costs a few reads, not a search
 * back through every month there could have been.
 */
export async function readWriterMonths(
  models: StoreModels,
  userId: string,
  range: { from: KstDate; to: KstDate },
  today: KstDate,
  options: ReadOptions & {
    /** The earliest day the writer can have been observed on (their sign-in); unbounded if absent. */
    since?: KstDate | null | undefined;
  } = {},
): Promise<WriterMonths> {
  const { signal } = options;
  throwIfAborted(signal);
  const months = await readStatsMonths(models, userId, range);
  const sinceMonth = options.since ? kstMonthOf(options.since) : undefined;

  const todayMonth = kstMonthOf(today);
  const toMonth = kstMonthOf(range.to);
  let latest: StatsMonth | null = null;
  if (todayMonth > toMonth) {
    latest = await searchBack(todayMonth, maxMonth(nextKstMonth(toMonth), sinceMonth));
  }
  latest ??= months.at(-1) ?? null;
  if (latest === null) {
    latest = await searchBack(previousKstMonth(kstMonthOf(range.from)), sinceMonth);
  }

  const all =
    latest !== null && !months.some((m) => m.month === latest.month) ? [...months, latest] : months;
  return { index: indexMonths(all), latest };

  async function searchBack(from: KstMonth, notBefore: KstMonth | undefined) {
    if (notBefore !== undefined && from < notBefore) return null;
    throwIfAborted(signal);
    return readLatestStatsMonth(models, userId, from, notBefore);
  }
}

function maxMonth(a: KstMonth, b: KstMonth | undefined): KstMonth {
  return b !== undefined && b > a ? b : a;
}
