import { z } from 'zod';
import { KstDate } from '../time/kst.js';

/**
 * Growth we know happened across unobserved days but cannot place on one of them: reported on
 * the day that closes the gap, spread over `days` days (the gap's days and this one).
 */
export const GapSpan = z.object({
  days: z.number().int().min(2),
  views: z.number().int().nonnegative().nullable(),
  /** Net: likes taken back can outnumber those given. */
  likes: z.number().int().nullable(),
});
export type GapSpan = z.infer<typeof GapSpan>;

/**
 * One KST day of a series as the dashboard draws it. `null` gains are days whose gain we do
 * not know (not observed, or the day after a gap): drawn as a gap, never as 0. `correction`
 * marks a day on which velog served a lower view total than we had: it was ignored (views
 * keep their high-water mark), so no day is ever negative because of a stale cache.
 */
export const DailyGain = z.object({
  day: KstDate,
  views: z.number().int().nonnegative().nullable(),
  /** Net: a day on which more likes were taken back than given is negative. */
  likes: z.number().int().nullable(),
  totalViews: z.number().int().nonnegative().nullable(),
  totalLikes: z.number().int().nonnegative().nullable(),
  correction: z.boolean(),
  /**
   * Part of the day is unmeasured: posts first seen that day as a baseline, posts the scrape
   * could not read, or days known from velog's legacy buckets (reads, but no likes).
   */
  partial: z.boolean(),
  gap: GapSpan.nullable(),
});
export type DailyGain = z.infer<typeof DailyGain>;
