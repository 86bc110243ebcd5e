import type { DailyGain, GapSpan } from '../models/daily-gain.js';
import { addKstDays, type KstDate, kstDatesBetween, kstDaysBetween } from '../time/kst.js';

/** A cumulative reading on one KST day (the day's latest); `null` where it was not read. */
export interface DaySnapshot {
  day: KstDate;
  views: number | null;
  likes: number | null;
}

type Metric = 'views' | 'likes';

interface MetricDay {
  total: number | null;
  gained: number | null;
  correction: boolean;
  gap: { days: number; gained: number } | null;
}

/**
 * velog only reports cumulative counters, so a day's gain is its snapshot minus the previous
 * day's. Only adjacent days give a daily figure: after unobserved days the growth is known in
 * sum but not per day, so it is reported as a gap span, never poured into the closing day. The
 * first snapshot has no predecessor and so no gain (it is a writer's whole history, not today's).
 * A counter that went down (a velog correction or purge) counts as zero gained.
 */
export function deriveDailyGains(
  snapshots: readonly DaySnapshot[],
  from: KstDate,
  to: KstDate,
): DailyGain[] {
  const sorted = [...snapshots].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const byDay = new Map(sorted.map((snapshot) => [snapshot.day, snapshot]));
  const views = metricSeries(sorted, 'views', from, to);
  const likes = metricSeries(sorted, 'likes', from, to);

  return kstDatesBetween(from, to).map((day, index) => {
    const v = views[index] as MetricDay;
    const l = likes[index] as MetricDay;
    const gap: GapSpan | null =
      v.gap || l.gap
        ? {
            days: Math.max(v.gap?.days ?? 0, l.gap?.days ?? 0),
            views: v.gap?.gained ?? null,
            likes: l.gap?.gained ?? null,
          }
        : null;
    return {
      day,
      views: v.gained,
      likes: l.gained,
      totalViews: byDay.has(day) ? v.total : null,
      totalLikes: byDay.has(day) ? l.total : null,
      correction: v.correction || l.correction,
      partial: false,
      gap,
    };
  });
}

function metricSeries(
  sorted: readonly DaySnapshot[],
  metric: Metric,
  from: KstDate,
  to: KstDate,
): MetricDay[] {
  // The latest reading before the range is the baseline for its first day.
  let previous: { day: KstDate; value: number } | null = null;
  for (const snapshot of sorted) {
    const value = snapshot[metric];
    if (snapshot.day >= from) break;
    if (value !== null) previous = { day: snapshot.day, value };
  }
  const inRange = new Map<string, number>();
  for (const snapshot of sorted) {
    const value = snapshot[metric];
    if (snapshot.day >= from && snapshot.day <= to && value !== null)
      inRange.set(snapshot.day, value);
  }

  return kstDatesBetween(from, to).map((day) => {
    const total = inRange.get(day);
    if (total === undefined) return { total: null, gained: null, correction: false, gap: null };
    const before = previous;
    previous = { day, value: total };
    if (before === null) return { total, gained: null, correction: false, gap: null };
    const correction = total < before.value;
    const gained = Math.max(0, total - before.value);
    if (before.day === addKstDays(day, -1)) return { total, gained, correction, gap: null };
    return {
      total,
      gained: null,
      correction,
      gap: { days: kstDaysBetween(before.day, day), gained },
    };
  });
}

/**
 * The gains of a run of days: the daily figures plus every gap span that lies wholly inside the
 * run. A span that reaches back before the run's first day is left out, since part of its growth
 * happened outside the run. `null` when the run holds no known gain at all.
 */
export function sumGains(days: readonly DailyGain[]): {
  views: number | null;
  likes: number | null;
} {
  const first = days[0]?.day;
  const sum = (metric: Metric): number | null => {
    let total: number | null = null;
    for (const day of days) {
      const daily = day[metric];
      if (daily !== null) total = (total ?? 0) + daily;
      const gap = day.gap;
      const spanned = gap?.[metric] ?? null;
      if (
        gap &&
        spanned !== null &&
        first !== undefined &&
        kstDaysBetween(first, day.day) >= gap.days - 1
      ) {
        total = (total ?? 0) + spanned;
      }
    }
    return total;
  };
  return { views: sum('views'), likes: sum('likes') };
}
