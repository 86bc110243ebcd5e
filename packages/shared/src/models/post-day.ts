import { z } from 'zod';
import { KstDate } from '../time/kst.js';

/**
 * `snapshot`: our own reading of velog's cumulative counters on that KST day.
 * `velog-legacy`: a daily bucket velog served before it switched them off, imported for days
 * before our first snapshot; it carries the day's reads rather than a cumulative total.
 */
export const DaySource = z.enum(['snapshot', 'velog-legacy']);
export type DaySource = z.infer<typeof DaySource>;

/** The latest cumulative views and likes of one post on one KST day. */
export const PostDay = z.object({
  /** `<postId>:<day>`, so a day's repeated snapshots overwrite one document. */
  id: z.string().min(1),
  postId: z.string().min(1),
  userId: z.string().min(1),
  day: KstDate,
  views: z.number().int().nonnegative().nullable(),
  likes: z.number().int().nonnegative().nullable(),
  takenAt: z.coerce.date(),
  source: DaySource,
});
export type PostDay = z.infer<typeof PostDay>;

export function postDayId(postId: string, day: KstDate): string {
  return `${postId}:${day}`;
}
