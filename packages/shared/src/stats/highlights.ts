import type { DailyGain } from '../models/daily-gain.js';
import { addKstDays, type KstDate } from '../time/kst.js';
import { type LaunchCurve, launchMedian } from './launch-curves.js';
import { classifyPostDay, type MonthIndex } from './read-gains.js';

/** The day of `days` with the most views gained (the earliest of equals); `null`: none known. */
export function bestDay(days: readonly DailyGain[]): { day: KstDate; views: number } | null {
  let best: { day: KstDate; views: number } | null = null;
  for (const day of days) {
    if (day.views === null) continue;
    if (best === null || day.views > best.views) best = { day: day.day, views: day.views };
  }
  return best;
}

/** Each post's daily views on `day` (only daily figures: a span is no one day's), most first. */
export function postViewsOn(index: MonthIndex, day: KstDate): { postId: string; views: number }[] {
  const record = index.byMonth.get(day.slice(0, 7))?.days[day];
  const dayBefore = addKstDays(day, -1);
  const rows: { postId: string; views: number }[] = [];
  for (const [idx, post] of index.posts) {
    const gain = classifyPostDay(record, day, idx, post, dayBefore);
    if (gain?.kind === 'daily') rows.push({ postId: post.id, views: gain.views });
  }
  return rows.sort((a, b) => b.views - a.views || (a.postId < b.postId ? -1 : 1));
}

/** Views over days 0–6 since publication; `null` unless all seven are complete and known. */
export function firstWeekViews(curve: LaunchCurve): number | null {
  return curve.points.find((point) => point.day === 6)?.cumulative ?? null;
}

/** The writer's median first 7 days, over the posts whose first 7 days are known. */
export function medianFirstWeek(curves: readonly LaunchCurve[]): {
  median: number | null;
  posts: number;
} {
  const day6 = launchMedian(curves, 7)[6];
  return { median: day6?.cumulative ?? null, posts: day6?.cumulativePosts ?? 0 };
}
