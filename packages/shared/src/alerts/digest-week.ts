import { addKstDays, type KstDate, kstDayRange, kstWeekday, toKstDate } from '../time/kst.js';

/*
 * The weekly digest reports the last whole KST week (Monday to Sunday), on Monday morning: it
 * is due from Monday 09:00 KST for a day. A worker that was down on Monday morning still sends
 * it that day; later in the week it is no longer news (a writer who turns the digest on on a
 * Sunday night would otherwise get a week-old digest, then the next one hours later).
 */

export const DIGEST_HOUR_KST = 9;
/** How long after Monday 09:00 KST the week's digest is still sent. */
export const DIGEST_WINDOW_MS = 24 * 3_600_000;

export interface DigestWeek {
  /** The Monday of the week reported: the digest's key. */
  monday: KstDate;
  sunday: KstDate;
  /** The week before, to compare with. */
  previous: { from: KstDate; to: KstDate };
}

/** The week a digest is due for at `now`: `null` outside Monday 09:00 – Tuesday 09:00 KST. */
export function digestWeekDue(now: Date): DigestWeek | null {
  const today = toKstDate(now);
  const thisMonday = addKstDays(today, 1 - kstWeekday(today));
  const sendFrom = kstDayRange(thisMonday).start.getTime() + DIGEST_HOUR_KST * 3_600_000;
  if (now.getTime() < sendFrom || now.getTime() >= sendFrom + DIGEST_WINDOW_MS) return null;
  const monday = addKstDays(thisMonday, -7);
  return {
    monday,
    sunday: addKstDays(thisMonday, -1),
    previous: { from: addKstDays(monday, -7), to: addKstDays(monday, -1) },
  };
}
