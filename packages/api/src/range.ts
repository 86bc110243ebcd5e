import {
  AppError,
  addKstDays,
  type KstDate,
  kstDaysBetween,
  type Range,
} from '@velog-insights/shared';

/** The range a chart shows when the page asks for none: the last 30 KST days. */
export const DEFAULT_RANGE_DAYS = 30;
/** About three years: enough for "all" on any writer we know, small enough to stay cheap. */
export const MAX_RANGE_DAYS = 1100;
/**
 * No range starts earlier: velog began in 2018, and the insights step back weeks before a
 * range's start, which near year 0 leaves the four-digit years a KST date is written in.
 */
export const EARLIEST_DAY = '2000-01-01';

/**
 * Fills in and checks `from`/`to` (already valid KST dates). `to` defaults to today and may not
 * pass it: a future day has nothing to show. `from` defaults to 30 days ending at `to`.
 */
export function resolveRange(query: { from?: KstDate; to?: KstDate }, today: KstDate): Range {
  const to = query.to ?? (query.from !== undefined && query.from > today ? query.from : today);
  const from = query.from ?? addKstDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (to > today) {
    throw new AppError('invalid-range', `to (${to}) is after today (${today}, KST)`, {
      status: 400,
      details: { issues: [{ path: 'to', message: 'must not be after today (KST)' }] },
    });
  }
  if (from > to) {
    throw new AppError('invalid-range', `from (${from}) is after to (${to})`, {
      status: 400,
      details: { issues: [{ path: 'from', message: 'must not be after to' }] },
    });
  }
  if (from < EARLIEST_DAY) {
    throw new AppError('invalid-range', `from (${from}) is before ${EARLIEST_DAY}`, {
      status: 400,
      details: { issues: [{ path: 'from', message: `must not be before ${EARLIEST_DAY}` }] },
    });
  }
  const days = kstDaysBetween(from, to) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw new AppError(
      'range-too-long',
      `the range spans ${days} days; at most ${MAX_RANGE_DAYS}`,
      {
        status: 400,
        details: { issues: [{ path: 'from', message: `at most ${MAX_RANGE_DAYS} days` }] },
      },
    );
  }
  return { from, to };
}
