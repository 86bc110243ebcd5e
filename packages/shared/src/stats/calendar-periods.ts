import type { DailyGain } from '../models/daily-gain.js';
import {
  addKstDays,
  type KstDate,
  kstDatesBetween,
  kstDaysBetween,
  kstWeekday,
} from '../time/kst.js';
import { firstDayOfMonth, kstMonthOf, lastDayOfMonth, previousKstMonth } from './month.js';

/*
 * Week over week and month over month on calendar periods (Monday–Sunday KST weeks, calendar
 * months), comparing like with like. Today is never part of a comparison: its day is not over,
 * so a "this week" that ends today is always short of the week it is compared with.
 *
 * One rule covers both "so far" and "complete": the period compared is the one holding
 * *yesterday* (the last complete day), from its first day to yesterday, against the same
 * number of days from the start of the period before. On a Monday yesterday was a Sunday, so
 * the last complete week is compared with the one before; on the 1st, the last complete month
 * with the month before. A month longer than the one before it is cut to that one's length
 * (on March 31: 1–28 March against 1–28 February), so both spans always have as many days.
 */

export type PeriodUnit = 'week' | 'month';

export interface DaySpan {
  from: KstDate;
  to: KstDate;
}

export interface ComparedSpans {
  unit: PeriodUnit;
  /** The period holding yesterday, from its first day: `days` days long. */
  current: DaySpan;
  /** The period before it, from its first day, just as many days. */
  previous: DaySpan;
  days: number;
  /** Whether `current` is a whole week or month (then `previous` starts a whole one too). */
  complete: boolean;
}

/** The Monday of the Monday–Sunday week `day` falls in. */
export function kstWeekStart(day: KstDate): KstDate {
  return addKstDays(day, 1 - kstWeekday(day));
}

/** The spans `unit` over `unit` compares on `today` (KST): both end before today. */
export function comparedSpans(unit: PeriodUnit, today: KstDate): ComparedSpans {
  const yesterday = addKstDays(today, -1);
  if (unit === 'week') {
    const start = kstWeekStart(yesterday);
    const days = kstDaysBetween(start, yesterday) + 1;
    const previousStart = addKstDays(start, -7);
    return {
      unit,
      current: { from: start, to: yesterday },
      previous: { from: previousStart, to: addKstDays(previousStart, days - 1) },
      days,
      complete: days === 7,
    };
  }
  const month = kstMonthOf(yesterday);
  const before = previousKstMonth(month);
  const soFar = kstDaysBetween(firstDayOfMonth(month), yesterday) + 1;
  const beforeLength = kstDaysBetween(firstDayOfMonth(before), lastDayOfMonth(before)) + 1;
  const days = Math.min(soFar, beforeLength);
  const start = firstDayOfMonth(month);
  const end = addKstDays(start, days - 1);
  return {
    unit,
    current: { from: start, to: end },
    previous: { from: firstDayOfMonth(before), to: addKstDays(firstDayOfMonth(before), days - 1) },
    days,
    complete: end === lastDayOfMonth(month),
  };
}

/**
 * The days of `span` whose views are not accounted for in the span's total: a day with no
 * figure, unless it lies inside a gap that closes within the span and opened no earlier than
 * the day before it (then the gap's growth is in the total, spread over those days). A gap
 * reaching back before the span holds growth the total leaves out, so its days count as unknown.
 * So does a partial day with no later day of the span on which every post was read.
 * `days` is the writer's daily figures over exactly `span`.
 */
export function unobservedDays(days: readonly DailyGain[], span: DaySpan): number {
  const covered = new Set<KstDate>();
  const lost = new Set<KstDate>();
  const beforeSpan = addKstDays(span.from, -1);
  for (const day of days) {
    if (day.gap === null) continue;
    const since = addKstDays(day.day, -day.gap.days);
    const reachesBack = since < beforeSpan || day.gap.views === null;
    const first = reachesBack ? span.from : addKstDays(since, 1);
    for (const inside of kstDatesBetween(first, day.day))
      (reachesBack ? lost : covered).add(inside);
  }
  let unknown = 0;
  const byDay = new Map(days.map((day) => [day.day, day]));
  // A partial day (some post was missed) holds that post's growth only once the post is read
  // again. A later day of the span on which every post was read closes every such miss inside
  // the span; without one, the missed growth may land after the span, so the day is unknown.
  let readInFullLater = false;
  for (const day of kstDatesBetween(span.from, span.to).reverse()) {
    const figure = byDay.get(day);
    const known = figure?.views !== null && figure?.views !== undefined;
    const missedGrowthOutside = known && figure?.partial === true && !readInFullLater;
    if (lost.has(day) || (!known && !covered.has(day)) || missedGrowthOutside) unknown += 1;
    if (known && figure?.partial !== true) readInFullLater = true;
  }
  return unknown;
}

export interface SpanViews extends DaySpan {
  days: number;
  /** The span's views gained, as the posts table adds them up; `null` when none is known. */
  views: number | null;
  /** Days whose views are unknown: a comparison with any of them gives no ratio. */
  unobservedDays: number;
}

/**
 * The change from `previous` to `current` as a ratio (0.25 = +25 %), only when both spans are
 * fully observed and the earlier one has views: a gap is never counted as a zero, and a rise
 * from nothing has no meaningful percentage.
 */
export function periodChange(current: SpanViews, previous: SpanViews): number | null {
  if (current.unobservedDays > 0 || previous.unobservedDays > 0) return null;
  if (current.views === null || previous.views === null || previous.views === 0) return null;
  return (current.views - previous.views) / previous.views;
}
