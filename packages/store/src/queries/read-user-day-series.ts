import { addKstDays, type KstDate, type Range } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';

export interface UserDayReading {
  day: KstDate;
  views: number;
  likes: number;
  posts: number;
  takenAt: Date;
}

/**
 * A writer's day totals for `range`, plus the latest one before it (the baseline the first
 * day's gain is measured from). One document a day: the cost follows the days shown, never
 * the number of posts.
 */
export async function readUserDaySeries(
  models: StoreModels,
  userId: string,
  range: Range,
): Promise<UserDayReading[]> {
  const projection = { day: 1, views: 1, likes: 1, posts: 1, takenAt: 1 };
  const [baseline, inRange] = await Promise.all([
    models.UserDay.findOne({ userId, day: { $lt: range.from } }, projection)
      .sort({ day: -1 })
      .lean(),
    models.UserDay.find({ userId, day: { $gte: range.from, $lte: range.to } }, projection)
      .sort({ day: 1 })
      .lean(),
  ]);
  const docs = baseline === null ? inRange : [baseline, ...inRange];
  return docs.map((doc) => ({
    day: doc.day as KstDate,
    views: doc.views,
    likes: doc.likes,
    posts: doc.posts,
    takenAt: doc.takenAt,
  }));
}

/** The day before a range: the one extra day a many-post read needs for its first day's gain. */
export function dayBefore(range: Range): KstDate {
  return addKstDays(range.from, -1);
}
