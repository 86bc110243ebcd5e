import { z } from 'zod';
import { KstDate } from '../time/kst.js';

/**
 * One KST day of a series as the dashboard draws it. `null` gains are days we did not
 * observe (a gap, drawn as a gap); `correction` marks a day whose counter went down, which
 * is reported as 0 gained rather than as a negative day.
 */
export const DailyGain = z.object({
  day: KstDate,
  views: z.number().int().nonnegative().nullable(),
  likes: z.number().int().nonnegative().nullable(),
  totalViews: z.number().int().nonnegative().nullable(),
  totalLikes: z.number().int().nonnegative().nullable(),
  correction: z.boolean(),
});
export type DailyGain = z.infer<typeof DailyGain>;
