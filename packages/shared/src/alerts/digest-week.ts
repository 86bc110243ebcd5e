import { addKstDays, type KstDate, kstDayRange, kstWeekday, toKstDate } from '../time/kst.js';

/*
 * The weekly digest reports the last whole KST week (Monday to Sunday), from Monday 09:00 KST
 * on. A worker that was down on Monday morning still sends it later that week; once the next
 * Monday 09:00 has come, that week is no longer due (the newer one is), so a stale digest is
 * never sent.
 */

export const DIGEST_HOUR_KST = 9;

export interface DigestWeek {
  /** The Monday of the week reported: the digest's key. */
  monday: KstDate;
  sunday: KstDate;
  /** The week before, to compare with. */
  previous: { from: KstDate; to: KstDate };
}

/** The week a digest is due for at `now`, or `null` on Monday before 09:00 KST. */
export function digestWeekDue(now: Date): DigestWeek | null {
  const today = toKstDate(now);
  const thisMonday = addKstDays(today, 1 - kstWeekday(today));
  const sendFrom = kstDayRange(thisMonday).start.getTime() + DIGEST_HOUR_KST * 3_600_000;
  if (now.getTime() < sendFrom) return null;
  const monday = addKstDays(thisMonday, -7);
  return {
    monday,
    sunday: addKstDays(thisMonday, -1),
    previous: { from: addKstDays(monday, -7), to: addKstDays(monday, -1) },
  };
}
