import {
  addKstDays,
  comparePeriods,
  comparisonsStart,
  type KstDate,
  type MonthIndex,
  type Range,
  type StatsMonth,
  type SummaryResponse,
  writerDailyGains,
  writerRangeGains,
} from '@velog-insights/shared';

/** The first day of the window the summary's "recent" figures need: 30 days ending today. */
export function recentWindowStart(today: KstDate): KstDate {
  return addKstDays(today, -29);
}

/** The first day any summary figure needs: the recent days and the calendar comparisons. */
export function summaryWindowStart(today: KstDate): KstDate {
  const recent = recentWindowStart(today);
  const compared = comparisonsStart(today);
  if (compared < recent) return compared;
  return recent;
}

/**
 * The summary card figures, from the writer's months covering both the requested range and
 * the 30 days ending today. Every gain is a sum of the posts' gains (the one rule in shared),
 * so the period's views are exactly what the posts table and the export add up to.
 */
export function buildSummary(input: {
  range: Range;
  today: KstDate;
  index: MonthIndex;
  latest: StatsMonth | null;
}): SummaryResponse {
  const { range, today, index, latest } = input;
  const yesterday = addKstDays(today, -1);
  const [yesterdayGain, todayGain] = writerDailyGains(index, { from: yesterday, to: today });
  const viewsOver = (from: KstDate, to: KstDate) => writerRangeGains(index, { from, to }).views;

  return {
    from: range.from,
    to: range.to,
    today,
    yesterday,
    asOf: latestObservation(latest),
    totals: currentTotals(latest),
    viewsToday: todayGain?.views ?? null,
    viewsYesterday: yesterdayGain?.views ?? null,
    likesToday: todayGain?.likes ?? null,
    period: writerRangeGains(index, range),
    last7Days: { views: viewsOver(addKstDays(today, -6), today) },
    last30Days: { views: viewsOver(recentWindowStart(today), today) },
    weekOverWeek: comparePeriods(index, 'week', today),
    monthOverMonth: comparePeriods(index, 'month', today),
  };
}

/**
 * The newest month's counters are the current figures. A removed post keeps its counters (so
 * a deletion is no negative day, and the total is the same the charts' day totals show) but
 * is no longer one of the writer's posts.
 */
function currentTotals(latest: StatsMonth | null): SummaryResponse['totals'] {
  if (latest === null) return { views: null, likes: null, posts: 0 };
  let views = 0;
  let likes = 0;
  let posts = 0;
  for (const post of Object.values(latest.posts)) {
    views += post.v;
    likes += post.l;
    if (post.rm === undefined) posts += 1;
  }
  return { views, likes, posts };
}

/** When the figures were last observed: the month's latest recorded observation. */
function latestObservation(latest: StatsMonth | null): Date | null {
  if (latest === null) return null;
  if (latest.lastEnd !== null) return latest.lastEnd;
  let newest: Date | null = null;
  for (const record of Object.values(latest.days)) {
    if (record.end !== null && (newest === null || record.end > newest)) newest = record.end;
  }
  return newest;
}
