import {
  indexMonths,
  type KstDate,
  kstMonthOf,
  type MonthIndex,
  type StatsMonth,
} from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { readLatestStatsMonth, readStatsMonths } from '../months/stats-months.js';

export interface WriterMonths {
  index: MonthIndex;
  /** The writer's newest month: its post counters are the current totals. */
  latest: StatsMonth | null;
}

/**
 * What every dashboard read needs for a range: the months it touches, each read by `_id`, plus the newest month for current totals when the range ends before it. The cost follows
 * the months shown, never the number of posts or days.
 */
export async function readWriterMonths(
  models: StoreModels,
  userId: string,
  range: { from: KstDate; to: KstDate },
  today: KstDate,
): Promise<WriterMonths> {
  const months = await readStatsMonths(models, userId, range);
  const newestRead = months.at(-1) ?? null;
  const latest =
    newestRead !== null && newestRead.month === kstMonthOf(today)
      ? newestRead
      : await readLatestStatsMonth(models, userId, kstMonthOf(today));
  const all =
    latest !== null && !months.some((m) => m.month === latest.month) ? [...months, latest] : months;
  return { index: indexMonths(all), latest };
}
