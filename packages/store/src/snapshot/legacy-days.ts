import { type KstDate, toKstDate } from '@velog-insights/shared';

export interface LegacyBucket {
  day: Date;
  count: number;
}

/**
 * Turns velog's legacy daily read buckets into the cumulative end-of-day totals we store,
 * for the days before `firstDay` (our own first snapshot, whose total is `firstTotal`): each
 * earlier day's total is the first total minus every read counted after that day. velog purged
 * reads before 2024, so a day that would come out negative is dropped rather than stored.
 * Bucket days are midnights serialised in either of velog's two styles; reading them in KST
 * gives the right calendar day for both.
 */
export function legacyCumulativeDays(
  firstTotal: number,
  firstDay: KstDate,
  buckets: readonly LegacyBucket[],
): { day: KstDate; views: number }[] {
  const byDay = new Map<KstDate, number>();
  for (const bucket of buckets) {
    if (!(bucket.count > 0)) continue;
    const day = toKstDate(bucket.day);
    byDay.set(day, (byDay.get(day) ?? 0) + bucket.count);
  }
  const days = [...byDay.keys()].sort().reverse();
  const result: { day: KstDate; views: number }[] = [];
  // Reads on or after our first snapshot's day are already inside `firstTotal`.
  let readsAfter = 0;
  for (const day of days) {
    if (day >= firstDay) {
      readsAfter += byDay.get(day) ?? 0;
      continue;
    }
    const views = firstTotal - readsAfter;
    if (views < 0) break;
    result.push({ day, views });
    readsAfter += byDay.get(day) ?? 0;
  }
  return result.reverse();
}
