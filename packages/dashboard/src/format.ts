import { KST_ZONE, type KstDate, toKstDate } from '@velog-insights/shared';
import { DateTime } from 'luxon';
import { type Lang, localeOf } from './i18n.js';

/** What a figure we do not have looks like: never a 0, which would be a claim. */
export const MISSING = '—';

export function formatNumber(value: number | null, lang: Lang): string {
  if (value === null) return MISSING;
  return new Intl.NumberFormat(localeOf(lang)).format(value);
}

/** Short axis labels: 12,345 → "12K" / "1.2만". */
export function formatCompact(value: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A ratio as a signed percentage: 0.253 → "+25.3%", -0.1 → "−10%". */
export function formatChange(ratio: number | null, lang: Lang): string {
  if (ratio === null || !Number.isFinite(ratio)) return MISSING;
  const text = new Intl.NumberFormat(localeOf(lang), {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(ratio);
  return text.replace('-', '−');
}

/** An instant as the KST wall-clock time, always labelled, e.g. "2026-11-23 09:41 KST". */
export function formatKstDateTime(instant: Date): string {
  return `${DateTime.fromJSDate(instant, { zone: KST_ZONE }).toFormat('yyyy-MM-dd HH:mm')} KST`;
}

/** A KST day in the reader's language: "Nov 23, 2026" / "2026. 11. 23.". */
export function formatKstDay(day: KstDate, lang: Lang): string {
  return DateTime.fromISO(day, { zone: KST_ZONE })
    .setLocale(localeOf(lang))
    .toLocaleString(DateTime.DATE_MED);
}

/** The KST day an instant falls on, formatted; `—` for a missing instant. */
export function formatInstantAsKstDay(instant: Date | null, lang: Lang): string {
  return instant === null ? MISSING : formatKstDay(toKstDate(instant), lang);
}
