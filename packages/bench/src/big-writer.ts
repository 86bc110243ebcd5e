import { seededRandom } from '@velog-insights/demo';
import {
  addKstDays,
  type CounterReading,
  KST_ZONE,
  type KstDate,
  kstDatesBetween,
  kstDayRange,
  kstMonthOf,
  openStatsMonth,
  recordObservation,
  type StatsMonth,
} from '@velog-insights/shared';
import type { PostDetails } from '@velog-insights/store';
import { DateTime } from 'luxon';

/*
 * A synthetic writer far beyond the demo: `posts` posts published evenly over `days` days,
 * each read with a launch spike and a long tail, scraped every evening. Deterministic, so two
 * bench runs measure the same documents.
 */

export interface BigWriter {
  userId: string;
  months: StatsMonth[];
  details: PostDetails[];
  /** The last day's readings, for re-scrapes of the same state. */
  lastReadings: CounterReading[];
  lastDay: KstDate;
}

export function postId(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

export function buildBigWriter(options: {
  userId: string;
  posts: number;
  days: number;
  lastDay: KstDate;
}): BigWriter {
  const { userId, posts, days, lastDay } = options;
  const firstDay = addKstDays(lastDay, -(days - 1));
  const next = seededRandom(20261201);
  const catalogue = Array.from({ length: posts }, (_, index) => {
    const releasedOn = addKstDays(firstDay, Math.floor((index * (days - 1)) / posts));
    return {
      id: postId(index),
      releasedOn,
      releasedAt: DateTime.fromISO(`${releasedOn}T09:30:00`, { zone: KST_ZONE }).toJSDate(),
      popularity: 0.5 + next() * 8,
      views: 0,
      likes: 0,
    };
  });
  const months = new Map<string, StatsMonth>();
  let month: StatsMonth | null = null;
  let readings: CounterReading[] = [];
  for (const day of kstDatesBetween(firstDay, lastDay)) {
    readings = [];
    for (const post of catalogue) {
      if (post.releasedOn > day) break;
      const age = DateTime.fromISO(day).diff(DateTime.fromISO(post.releasedOn), 'days').days;
      post.views += Math.round(
        post.popularity * (9 * Math.exp(-age / 2.2) + (1 + age) ** -0.3) * (0.5 + next()),
      );
      if (next() < 0.02) post.likes += 1;
      readings.push({
        postId: post.id,
        views: post.views,
        likes: post.likes,
        releasedAt: post.releasedAt,
      });
    }
    const monthOfDay = kstMonthOf(day);
    if (month === null || month.month !== monthOfDay)
      month = openStatsMonth(userId, monthOfDay, month);
    const takenAt = new Date(kstDayRange(day).end.getTime() - 10 * 60_000);
    const result = recordObservation(month, { takenAt, readings });
    if (result.kind === 'recorded') month = result.month;
    months.set(month.month, month);
  }
  const details = catalogue.map(
    (post): PostDetails => ({
      postId: post.id,
      title: `벤치마크 글 ${post.id.slice(-4)}`,
      urlSlug: `bench-${post.id.slice(-6)}`,
      tags: ['bench'],
      releasedAt: post.releasedAt,
      updatedAt: post.releasedAt,
      isPrivate: false,
      commentsCount: 0,
    }),
  );
  return { userId, months: [...months.values()], details, lastReadings: readings, lastDay };
}
