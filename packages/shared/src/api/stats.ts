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
  /** Views in the 7 days ending today against the 7 before; `change` is a ratio (0.25 = +25 %). */
  weekOverWeek: z.object({
    thisWeek: z.number().int().nonnegative().nullable(),
    lastWeek: z.number().int().nonnegative().nullable(),
    change: z.number().nullable(),
  }),
});
export type SummaryResponse = z.infer<typeof SummaryResponse>;

export const DailyResponse = Range.extend({
  days: z.array(DailyGain),
});
export type DailyResponse = z.infer<typeof DailyResponse>;
