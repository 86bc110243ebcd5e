import { DateTime } from 'luxon';
import type { ReadBatch } from './store.js';

export const KST_ZONE = 'Asia/Seoul';

export type StatsMode = 'current' | 'legacy';
export type LegacyDayEncoding = 'utc-midnight' | 'kst-midnight-as-utc';

/** velog purged read rows older than this, so legacy totals start here. */
export const LEGACY_PURGE_BEFORE = new Date('2024-01-01T00:00:00+09:00');

export interface StatsResult {
  total: number;
  count_by_day: { count: number; day: string }[];
}

/** The KST calendar date of an instant, `YYYY-MM-DD`; the host's zone is never read. */
export function kstDateOf(instant: Date): string {
  return DateTime.fromMillis(instant.getTime(), { zone: KST_ZONE }).toFormat('yyyy-MM-dd');
}

/**
 * How a server serialised a day's midnight: a server in UTC wrote the date at 00:00Z, a
 * server in Seoul wrote KST midnight, which is 15:00Z the day before.
 */
export function encodeDay(kstDate: string, encoding: LegacyDayEncoding): string {
  if (encoding === 'utc-midnight') return `${kstDate}T00:00:00.000Z`;
  return DateTime.fromISO(kstDate, { zone: KST_ZONE }).startOf('day').toUTC().toISO() ?? '';
}

/** Since 2023-11-22 velog reports only the cumulative counter and no days. */
export function currentStats(views: number): StatsResult {
  return { total: views, count_by_day: [] };
}

/**
 * The pre-2023-11 answer: one row per KST day with at least one read, newest first, no row
 * for a day without reads. `now` hides reads the fake was told about in its future.
 */
export function legacyStats(
  reads: readonly ReadBatch[],
  now: Date,
  encoding: LegacyDayEncoding,
  purgeBefore: Date = LEGACY_PURGE_BEFORE,
): StatsResult {
  const byDay = new Map<string, number>();
  let total = 0;
  for (const read of reads) {
    const at = read.at.getTime();
    if (at < purgeBefore.getTime() || at > now.getTime()) continue;
    const day = kstDateOf(read.at);
    byDay.set(day, (byDay.get(day) ?? 0) + read.count);
    total += read.count;
  }
  const days = [...byDay.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
  return {
    total,
    count_by_day: days.map(([day, count]) => ({ count, day: encodeDay(day, encoding) })),
  };
}
