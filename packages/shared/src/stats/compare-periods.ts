import type { PeriodComparison } from '../api/stats.js';
import type { KstDate } from '../time/kst.js';
import {
  comparedSpans,
  type DaySpan,
  type PeriodUnit,
  periodChange,
  type SpanViews,
  unobservedDays,
} from './calendar-periods.js';
import { type MonthIndex, writerDailyGains, writerRangeGains } from './read-gains.js';

/**
 * Week over week or month over month from the writer's months (which must cover both spans):
 * each side's views are the range gain the posts table shows for that span, and its
 * unobserved days come from the same daily figures the chart draws.
 */
export function comparePeriods(
  index: MonthIndex,
  unit: PeriodUnit,
  today: KstDate,
): PeriodComparison {
  const spans = comparedSpans(unit, today);
  const side = (span: DaySpan): SpanViews => ({
    ...span,
    days: spans.days,
    views: writerRangeGains(index, span).views,
    unobservedDays: unobservedDays(writerDailyGains(index, span), span),
  });
  const current = side(spans.current);
  const previous = side(spans.previous);
  return {
    unit,
    complete: spans.complete,
    current,
    previous,
    change: periodChange(current, previous),
  };
}

/** The first day a summary's comparisons need: the start of the earlier month compared. */
export function comparisonsStart(today: KstDate): KstDate {
  const week = comparedSpans('week', today).previous.from;
  const month = comparedSpans('month', today).previous.from;
  // KST day strings sort as the days do.
  if (week < month) return week;
  return month;
}
