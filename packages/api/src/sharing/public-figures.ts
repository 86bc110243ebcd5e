import {
  type GainRange,
  type MonthIndex,
  postDailyGains,
  postRangeGains,
  type StatsMonth,
  type SummaryResponse,
  writerDailyGains,
} from '@velog-insights/shared';
import type { StoredPostDetails } from '@velog-insights/store';

/*
 * What the public card and the leaderboard may say of a writer. The worker reads a writer's
 * private posts too (with their own tokens), so the stored figures include them; a public
 * figure that counted them would tell anyone that private posts exist and how they are read.
 * Each figure here is the writer's own minus their private posts'.
 */

/** The velog ids of the posts velog's listing last called private. */
export function privatePostIds(
  details: ReadonlyMap<string, StoredPostDetails> | null,
): Set<string> {
  const ids = new Set<string>();
  for (const [id, post] of details ?? []) if (post.isPrivate) ids.add(id);
  return ids;
}

export function publicTotals(
  latest: StatsMonth | null,
  index: MonthIndex,
  hidden: ReadonlySet<string>,
): SummaryResponse['totals'] {
  if (latest === null) return { views: null, likes: null, posts: 0 };
  let views = 0;
  let likes = 0;
  let posts = 0;
  for (const [number, post] of Object.entries(latest.posts)) {
    const id = index.posts.get(number)?.id;
    if (id !== undefined && hidden.has(id)) continue;
    views += post.v;
    likes += post.l;
    if (post.rm === undefined) posts += 1;
  }
  return { views, likes, posts };
}

export function publicRangeGains(
  index: MonthIndex,
  range: GainRange,
  hidden: ReadonlySet<string>,
): { views: number | null; likes: number | null } {
  let views: number | null = null;
  let likes: number | null = null;
  for (const [id, sum] of postRangeGains(index, range)) {
    if (hidden.has(id)) continue;
    if (sum.views !== null) views = (views ?? 0) + sum.views;
    if (sum.likes !== null) likes = (likes ?? 0) + sum.likes;
  }
  return { views, likes };
}

/** The writer's views per day (gaps stay `null`), less what their private posts gained. */
export function publicDailyViews(
  index: MonthIndex,
  range: GainRange,
  hidden: ReadonlySet<string>,
): (number | null)[] {
  const days = writerDailyGains(index, range).map((day) => day.views);
  for (const id of hidden) {
    postDailyGains(index, id, range).forEach((day, n) => {
      const total = days[n];
      if (total === null || total === undefined || day.views === null) return;
      days[n] = Math.max(0, total - day.views);
    });
  }
  return days;
}
