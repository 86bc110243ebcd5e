import type { LaunchMedianPoint, LaunchPoint } from '../api/insights.js';
import { addKstDays, type KstDate, kstDaysBetween } from '../time/kst.js';
import { median } from './median.js';
import { type MonthIndex, postDailyGains } from './read-gains.js';

/*
 * A post's views counted from its publication (day 0 = the KST day of its release), so posts
 * published months apart can be laid side by side, and the writer's usual launch (the median
 * of all posts on each day) drawn beside them. Only complete days count: today is still
 * running, and a partial day against the median of whole days would always look worse.
 */

export interface LaunchCurve {
  /** Whether we know the post from its publication on (it launched while we watched). */
  trackedFromRelease: boolean;
  points: LaunchPoint[];
}

/**
 * The first `days` days of a post since `releaseDay`, up to yesterday. Its cumulative figure
 * continues across unobserved days only where a later reading closes them with a known span;
 * a post first seen after its publication without a launch (published before tracking began)
 * has no known day 0, so no cumulative figure at all.
 */
export function launchCurve(
  index: MonthIndex,
  postId: string,
  releaseDay: KstDate,
  days: number,
  today: KstDate,
): LaunchCurve {
  const last = minDay(addKstDays(releaseDay, days - 1), addKstDays(today, -1));
  if (last < releaseDay)
    return { trackedFromRelease: knownFromRelease(index, postId, releaseDay), points: [] };
  const idx = index.ids.get(postId);
  const post = idx === undefined ? undefined : index.posts.get(idx);
  const trackedFromRelease = knownFromRelease(index, postId, releaseDay);
  // Views from publication through day `through`; `null` once the chain is broken.
  let running = 0;
  let through: number | null = trackedFromRelease ? -1 : null;
  const points = postDailyGains(index, postId, { from: releaseDay, to: last }).map((gain) => {
    const day = kstDaysBetween(releaseDay, gain.day);
    // A launch first seen days after its publication: its whole count is growth since
    // publication, not one day's.
    const lateLaunch = post?.n === true && gain.day === post.f && post.f > releaseDay;
    let views = gain.views;
    if (lateLaunch && views !== null) {
      running = views;
      through = day;
      views = null;
    } else if (views !== null) {
      if (through === day - 1) {
        running += views;
        through = day;
      }
    } else if (gain.gap !== null && gain.gap.views !== null && through !== null) {
      if (through === day - gain.gap.days) {
        running += gain.gap.views;
        through = day;
      }
    }
    return { day, date: gain.day, views, cumulative: through === day ? running : null };
  });
  return { trackedFromRelease, points };
}

/** A post we have watched since its publication: launched under our eyes, or measured by legacy buckets from then. */
function knownFromRelease(index: MonthIndex, postId: string, releaseDay: KstDate): boolean {
  const idx = index.ids.get(postId);
  const post = idx === undefined ? undefined : index.posts.get(idx);
  if (post === undefined) return false;
  if (post.n === true) return true;
  return post.lf !== undefined && post.lf <= releaseDay;
}

function minDay(a: KstDate, b: KstDate): KstDate {
  return a < b ? a : b;
}

/**
 * The writer's usual launch: on each day since publication, the median over the posts whose
 * figure for that day is known. A post too young to have reached a day, or not observed on
 * it, is left out of that day, never counted as a zero.
 */
export function launchMedian(curves: readonly LaunchCurve[], days: number): LaunchMedianPoint[] {
  const views: number[][] = Array.from({ length: days }, () => []);
  const cumulative: number[][] = Array.from({ length: days }, () => []);
  for (const curve of curves) {
    for (const point of curve.points) {
      if (point.day < 0 || point.day >= days) continue;
      if (point.views !== null) views[point.day]?.push(point.views);
      if (point.cumulative !== null) cumulative[point.day]?.push(point.cumulative);
    }
  }
  return views.map((dayViews, day) => {
    const dayCumulative = cumulative[day] ?? [];
    return {
      day,
      views: median(dayViews),
      viewsPosts: dayViews.length,
      cumulative: median(dayCumulative),
      cumulativePosts: dayCumulative.length,
    };
  });
}
