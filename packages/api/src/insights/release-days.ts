import { addKstDays, type KstDate, toKstDate } from '@velog-insights/shared';
import type { StoredPostDetails } from '@velog-insights/store';

/** Posts older than this (about three years) are left out of an insight's months: reads stay bounded. */
const MAX_LOOK_BACK_DAYS = 1100;

/** Each post's KST publication day, where its listing gave one. */
export function releaseDays(details: ReadonlyMap<string, StoredPostDetails>): Map<string, KstDate> {
  const days = new Map<string, KstDate>();
  for (const [postId, post] of details) {
    if (post.releasedAt !== null) days.set(postId, toKstDate(post.releasedAt));
  }
  return days;
}

/**
 * The days an insight over the writer's publications reads: from the earliest publication
 * (at most about three years back) to today.
 */
export function publicationsRange(
  details: ReadonlyMap<string, StoredPostDetails>,
  today: KstDate,
): { from: KstDate; to: KstDate } {
  const oldest = addKstDays(today, -MAX_LOOK_BACK_DAYS);
  let from = today;
  for (const day of releaseDays(details).values()) if (day < from) from = day;
  if (from < oldest) from = oldest;
  return { from, to: today };
}

/** The earlier of two KST days (their strings sort as the days do). */
export function earlierDay(a: KstDate, b: KstDate): KstDate {
  if (a < b) return a;
  return b;
}
