import { z } from 'zod';
import { DailyGain } from '../models/daily-gain.js';
import { KstDate } from '../time/kst.js';

/**
 * A day in the query string: empty (`from=`, as a form with a blank field sends it) means not
 * given, as absent does.
 */
const DayQuery = z
  .union([z.literal(''), KstDate])
  .optional()
  .transform((day) => (day === '' ? undefined : day));

/** `from`/`to` as the API receives them; both optional, the API fills sensible defaults. */
export const RangeQuery = z.object({ from: DayQuery, to: DayQuery });
export type RangeQuery = z.infer<typeof RangeQuery>;

export const Range = z.object({ from: KstDate, to: KstDate });
export type Range = z.infer<typeof Range>;

/** One side of a comparison: a span of whole KST days before today. */
export const ComparedSpan = z.object({
  from: KstDate,
  to: KstDate,
  days: z.number().int().positive(),
  /** Views gained over the span, as the posts table adds them up; `null` when none is known. */
  views: z.number().int().nonnegative().nullable(),
  /** Days whose views we do not know: counted as unknown, never as zero. */
  unobservedDays: z.number().int().nonnegative(),
});
export type ComparedSpan = z.infer<typeof ComparedSpan>;

/**
 * A calendar period against the one before, like with like (same number of days, today's
 * partial day never included); `change` is a ratio (0.25 = +25 %), `null` when a day of either
 * span is unobserved or the earlier span had no views.
 */
export const PeriodComparison = z.object({
  unit: z.enum(['week', 'month']),
  /** `current` is a whole week or month. */
  complete: z.boolean(),
  current: ComparedSpan,
  previous: ComparedSpan,
  change: z.number().nullable(),
});
export type PeriodComparison = z.infer<typeof PeriodComparison>;

export const SummaryResponse = Range.extend({
  today: KstDate,
  yesterday: KstDate,
  /** When the newest snapshot behind these figures was taken. */
  asOf: z.coerce.date().nullable(),
  totals: z.object({
    views: z.number().int().nonnegative().nullable(),
    likes: z.number().int().nonnegative().nullable(),
    posts: z.number().int().nonnegative(),
  }),
  /** `null` when the day has no observed gain yet (not a zero). */
  viewsToday: z.number().int().nonnegative().nullable(),
  viewsYesterday: z.number().int().nonnegative().nullable(),
  likesToday: z.number().int().nullable(),
  period: z.object({
    views: z.number().int().nonnegative().nullable(),
    likes: z.number().int().nullable(),
  }),
  last7Days: z.object({ views: z.number().int().nonnegative().nullable() }),
  last30Days: z.object({ views: z.number().int().nonnegative().nullable() }),
  /** Monday–Sunday KST weeks: this week up to yesterday against as many days of last week. */
  weekOverWeek: PeriodComparison,
  /** Calendar months: this month up to yesterday against as many days of last month. */
  monthOverMonth: PeriodComparison,
});
export type SummaryResponse = z.infer<typeof SummaryResponse>;

export const DailyResponse = Range.extend({
  days: z.array(DailyGain),
});
export type DailyResponse = z.infer<typeof DailyResponse>;
