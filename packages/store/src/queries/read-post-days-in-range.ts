import type { DaySnapshot, KstDate, Range } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { dayBefore } from './read-user-day-series.js';

/**
 * Every post's day snapshots from the day before `range` to its end, grouped by post: one
 * query whose cost is days × posts with snapshots in those days. The day before is the only
 * baseline fetched: a gain measured from an older snapshot spans days outside the range, and
 * sumGains leaves such spans out of a period's total anyway.
 */
export async function readPostDaysInRange(
  models: StoreModels,
  userId: string,
  range: Range,
): Promise<Map<string, DaySnapshot[]>> {
  const docs = await models.PostDay.find(
    { userId, day: { $gte: dayBefore(range), $lte: range.to } },
    { postId: 1, day: 1, views: 1, likes: 1 },
  ).lean();
  const byPost = new Map<string, DaySnapshot[]>();
  for (const doc of docs) {
    const series = byPost.get(doc.postId) ?? [];
    series.push({ day: doc.day as KstDate, views: doc.views, likes: doc.likes });
    byPost.set(doc.postId, series);
  }
  return byPost;
}
