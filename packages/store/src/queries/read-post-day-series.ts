import type { DaySnapshot, KstDate, Range } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { dayBefore } from './read-user-day-series.js';

/**
 * One post's day snapshots from the day before `range` to its end, scoped to its owner: the
 * same window the post list reads, so a post's page and its row in the list agree. (An older
 * baseline would only add a gap span reaching outside the range, which no total counts.)
 */
export async function readPostDaySeries(
  models: StoreModels,
  userId: string,
  postId: string,
  range: Range,
): Promise<DaySnapshot[]> {
  const docs = await models.PostDay.find(
    { postId, userId, day: { $gte: dayBefore(range), $lte: range.to } },
    { day: 1, views: 1, likes: 1 },
  )
    .sort({ day: 1 })
    .lean();
  return docs.map((doc) => ({ day: doc.day as KstDate, views: doc.views, likes: doc.likes }));
}
