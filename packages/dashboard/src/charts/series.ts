import {
  addKstDays,
  type DailyGain,
  type KstDate,
  kstDayRange,
  kstDaysBetween,
} from '@velog-insights/shared';

/** A point on a time axis: x is the instant a KST day starts, y `null` for a gap. */
export interface TimePoint {
  x: number;
  y: number | null;
}

export function kstDayStartMillis(day: KstDate): number {
  return kstDayRange(day).start.getTime();
}

export type Metric = 'views' | 'likes';

/** The day's gain per KST day; a day we did not observe stays `null` so it is drawn as a gap. */
export function dailyPoints(days: readonly DailyGain[], metric: Metric): TimePoint[] {
  return days.map((day) => ({ x: kstDayStartMillis(day.day), y: day[metric] }));
}

export function totalPoints(days: readonly DailyGain[], metric: Metric): TimePoint[] {
  const key = metric === 'views' ? 'totalViews' : 'totalLikes';
  return days.map((day) => ({ x: kstDayStartMillis(day.day), y: day[key] }));
}

/**
 * Growth we know happened over unobserved days but cannot place on one of them, shown as its
 * average per day across the stretch (the gap's days and the day closing it), so the chart can
 * draw it apart from observed days instead of leaving the growth out or piling it on one day.
 */
export function gapAveragePoints(days: readonly DailyGain[], metric: Metric): TimePoint[] {
  const averages = new Map<KstDate, number>();
  for (const day of days) {
    const gained = day.gap?.[metric];
    if (!day.gap || gained === null || gained === undefined) continue;
    const average = gained / day.gap.days;
    for (let back = 0; back < day.gap.days; back += 1)
      averages.set(addKstDays(day.day, -back), average);
  }
  return days.map((day) => ({ x: kstDayStartMillis(day.day), y: averages.get(day.day) ?? null }));
}

export interface SinceReleasePoint {
  /** Days since publication: 0 is the KST day the post was published. */
  x: number;
  day: KstDate;
  views: number | null;
  totalViews: number | null;
}

/**
 * A post's first `span` days counted from its KST publication day, so posts published months
 * apart can be read on the same axis. Days before publication and after the span are dropped.
 */
export function sinceReleasePoints(
  days: readonly DailyGain[],
  releaseDay: KstDate,
  span: number,
): SinceReleasePoint[] {
  const last = addKstDays(releaseDay, span - 1);
  return days
    .filter((day) => day.day >= releaseDay && day.day <= last)
    .map((day) => ({
      x: kstDaysBetween(releaseDay, day.day),
      day: day.day,
      views: day.views,
      totalViews: day.totalViews,
    }));
}

/** Sum of the observed gains, or `null` when not one day was observed. */
export function sumObserved(days: readonly DailyGain[], metric: Metric): number | null {
  let sum: number | null = null;
  for (const day of days) {
    const value = day[metric];
    if (value !== null) sum = (sum ?? 0) + value;
  }
  return sum;
}

/** Ticks a reader can count on: days for a month, weeks for a season, months beyond. */
export function tickUnit(dayCount: number): 'day' | 'week' | 'month' {
  if (dayCount <= 31) return 'day';
  if (dayCount <= 120) return 'week';
  return 'month';
}
