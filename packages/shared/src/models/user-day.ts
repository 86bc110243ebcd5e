import { z } from 'zod';
import { KstDate } from '../time/kst.js';

/**
 * A writer's cumulative totals across all their posts on one KST day, so the dashboard's
 * daily chart reads one document a day instead of one a post a day.
 */
export const UserDay = z.object({
  /** `<userId>:<day>`. */
  id: z.string().min(1),
  userId: z.string().min(1),
  day: KstDate,
  views: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
  posts: z.number().int().nonnegative(),
  takenAt: z.coerce.date(),
});
export type UserDay = z.infer<typeof UserDay>;

export function userDayId(userId: string, day: KstDate): string {
  return `${userId}:${day}`;
}
