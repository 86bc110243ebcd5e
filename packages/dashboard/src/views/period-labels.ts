import { KST_ZONE, type KstDate, type PeriodComparison } from '@velog-insights/shared';
import { DateTime } from 'luxon';
import { formatNumber } from '../format.js';
import { type Lang, localeOf, type Translate } from '../i18n.js';

/** A KST day with its weekday, short: "Mon, Nov 23" / "11월 23일(월)". */
export function formatDayWithWeekday(day: KstDate, lang: Lang): string {
  const date = DateTime.fromISO(day, { zone: KST_ZONE }).setLocale(localeOf(lang));
  return lang === 'ko' ? date.toFormat('M월 d일(ccc)') : date.toFormat('ccc, MMM d');
}

/** The days a span covers, both ends named: a reader must see exactly which days are compared. */
export function formatSpan(span: { from: KstDate; to: KstDate }, lang: Lang): string {
  const from = formatDayWithWeekday(span.from, lang);
  return span.from === span.to ? from : `${from} – ${formatDayWithWeekday(span.to, lang)}`;
}

/**
 * What a comparison card says under its ratio: the two spans with their views, and, when
 * a day of either is unobserved, why there is no ratio.
 */
export function describeComparison(comparison: PeriodComparison, lang: Lang, t: Translate): string {
  const { current, previous } = comparison;
  const text = t('periods.detail', {
    current: formatSpan(current, lang),
    currentViews: formatNumber(current.views, lang),
    previous: formatSpan(previous, lang),
    previousViews: formatNumber(previous.views, lang),
    days: current.days,
  });
  const unobserved = current.unobservedDays + previous.unobservedDays;
  if (unobserved > 0) return `${text} ${t('periods.unobserved', { n: unobserved })}`;
  if (comparison.change === null) return `${text} ${t('periods.noBase')}`;
  return text;
}
