import {
  addKstDays,
  bestDay,
  firstWeekViews,
  type HighlightsResponse,
  type KstDate,
  launchCurve,
  type MonthIndex,
  medianFirstWeek,
  postDailyGains,
  postRangeGains,
  postViewsOn,
  type Range,
  WAKING_BASELINE_DAYS,
  WAKING_WINDOW_DAYS,
  wakingUp,
  writerDailyGains,
} from '@velog-insights/shared';
import type { StoredPostDetails } from '@velog-insights/store';
import { releaseDays } from './release-days.js';

const TOP_GAINERS = 5;
const BEST_DAY_DRIVERS = 3;

/** The 7 days the waking-up rule looks at (the range's last), and the 28 before them. */
export function wakingSpans(range: Range): { window: Range; baseline: Range } {
  const windowFrom = addKstDays(range.to, -(WAKING_WINDOW_DAYS - 1));
  return {
    window: { from: windowFrom, to: range.to },
    baseline: {
      from: addKstDays(windowFrom, -WAKING_BASELINE_DAYS),
      to: addKstDays(windowFrom, -1),
    },
  };
}

/**
 * The range's highlights, every figure one of the existing ones: the top gainers are the posts
 * table's period gains, the best day is the daily chart's day, a new post's first week is its
 * launch curve on day 6.
 */
export function buildHighlights(input: {
  range: Range;
  today: KstDate;
  index: MonthIndex;
  details: ReadonlyMap<string, StoredPostDetails>;
}): HighlightsResponse {
  const { range, today, index, details } = input;
  const title = (postId: string) => details.get(postId)?.title ?? '';

  const periods = postRangeGains(index, range);
  const topGainers = [...periods]
    .filter(([, gain]) => gain.views !== null && gain.views > 0)
    .map(([postId, gain]) => ({
      postId,
      title: title(postId),
      views: gain.views as number,
      likes: gain.likes,
    }))
    .sort((a, b) => b.views - a.views || (a.postId < b.postId ? -1 : 1))
    .slice(0, TOP_GAINERS);

  const best = bestDay(writerDailyGains(index, range));
  const bestDayRow =
    best === null
      ? null
      : {
          ...best,
          drivers: postViewsOn(index, best.day)
            .filter((row) => row.views > 0)
            .slice(0, BEST_DAY_DRIVERS)
            .map((row) => ({ ...row, title: title(row.postId) })),
        };

  const release = releaseDays(details);
  const curves = new Map(
    [...index.posts.values()].flatMap((post) => {
      const day = release.get(post.id);
      return day === undefined ? [] : [[post.id, launchCurve(index, post.id, day, 7, today)]];
    }),
  );
  const usual = medianFirstWeek([...curves.values()]);
  const newPosts = [...curves]
    .flatMap(([postId, curve]) => {
      const releasedOn = release.get(postId);
      if (releasedOn === undefined || releasedOn < range.from || releasedOn > range.to) return [];
      return [{ postId, title: title(postId), releasedOn, firstWeek: firstWeekViews(curve) }];
    })
    .sort((a, b) => (a.releasedOn < b.releasedOn ? 1 : a.releasedOn > b.releasedOn ? -1 : 0));

  const spans = wakingSpans(range);
  const wakingUpRows = [...index.posts.values()].flatMap((post) => {
    // A post published inside the baseline has no "again": its launch is not a revival.
    const releasedOn = release.get(post.id);
    if (releasedOn !== undefined && releasedOn >= spans.baseline.from) return [];
    const series = postDailyGains(index, post.id, { from: spans.baseline.from, to: range.to });
    const views = series.map((day) => day.views);
    const verdict = wakingUp(
      views.slice(0, WAKING_BASELINE_DAYS),
      views.slice(WAKING_BASELINE_DAYS),
    );
    return verdict === null ? [] : [{ postId: post.id, title: title(post.id), ...verdict }];
  });
  wakingUpRows.sort((a, b) => b.recent - a.recent || (a.postId < b.postId ? -1 : 1));

  return {
    from: range.from,
    to: range.to,
    topGainers,
    bestDay: bestDayRow,
    newPosts,
    medianFirstWeek: usual.median,
    medianFirstWeekPosts: usual.posts,
    wakingUp: wakingUpRows,
    wakingWindow: spans.window,
  };
}
