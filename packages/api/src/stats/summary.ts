import {
  addKstDays,
  type DailyGain,
  deriveDailyGains,
  type KstDate,
  type Range,
  type SummaryResponse,
  sumGains,
} from '@velog-insights/shared';
import type { UserDayReading } from '@velog-insights/store';

/** The first day of the window the summary's "recent" figures need: 30 days ending today. */
export function recentWindowStart(today: KstDate): KstDate {
  return addKstDays(today, -29);
}

/**
 * The summary card figures, from a writer's day totals covering both the requested range and
 * the 30 days ending today (with the baseline before the earlier of the two).
 */
export function buildSummary(input: {
  range: Range;
  today: KstDate;
  series: readonly UserDayReading[];
  livePosts: number;
}): SummaryResponse {
  const { range, today, series } = input;
  const yesterday = addKstDays(today, -1);
  const period = deriveDailyGains(series, range.from, range.to);
  const recent = deriveDailyGains(series, recentWindowStart(today), today);
  const dayOf = (day: KstDate): DailyGain | undefined => recent.find((gain) => gain.day === day);
  const viewsOver = (from: KstDate, to: KstDate) =>
    sumGains(recent.filter((gain) => gain.day >= from && gain.day <= to)).views;

  const thisWeek = viewsOver(addKstDays(today, -6), today);
  const lastWeek = viewsOver(addKstDays(today, -13), addKstDays(today, -7));
  const latest = series.filter((reading) => reading.day <= today).at(-1) ?? null;

  return {
    from: range.from,
    to: range.to,
    today,
    yesterday,
    asOf: latest?.takenAt ?? null,
    totals: {
      views: latest?.views ?? null,
      likes: latest?.likes ?? null,
      posts: input.livePosts,
    },
    viewsToday: dayOf(today)?.views ?? null,
    viewsYesterday: dayOf(yesterday)?.views ?? null,
    likesToday: dayOf(today)?.likes ?? null,
    period: sumGains(period),
    last7Days: { views: thisWeek },
    last30Days: { views: sumGains(recent).views },
    weekOverWeek: {
      thisWeek,
      lastWeek,
      // No ratio against an unknown or empty week: "+∞ %" tells a writer nothing.
      change:
        thisWeek === null || lastWeek === null || lastWeek === 0
          ? null
          : (thisWeek - lastWeek) / lastWeek,
    },
  };
}
