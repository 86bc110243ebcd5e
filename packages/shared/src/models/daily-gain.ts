import { z } from 'zod';
import { KstDate } from '../time/kst.js';

/**
 * Growth we know happened across unobserved days but cannot place on one of them: reported on
 * the day that closes the gap, spread over `days` days (the gap's days and this one).
 */
export const GapSpan = z.object({
  days: z.number().int().min(2),
  views: z.number().int().nonnegative().nullable(),
  likes: z.number().int().nonnegative().nullable(),
});
export type GapSpan = z.infer<typeof GapSpan>;

/**
 * One KST day of a series as the dashboard draws it. `null` gains are days whose gain we do
 * not know (not observed, or the day after a gap): drawn as a gap, never as 0. `correction`
 * marks a day whose counter went down, which is reported as 0 gained rather than negative.
 */
export const DailyGain = z.object({
  day: KstDate,
  views: z.number().int().nonnegative().nullable(),
  likes: z.number().int().nonnegative().nullable(),
  totalViews: z.number().int().nonnegative().nullable(),
  totalLikes: z.number().int().nonnegative().nullable(),
  correction: z.boolean(),
  gap: GapSpan.nullable(),
});
export type DailyGain = z.infer<typeof DailyGain>;
