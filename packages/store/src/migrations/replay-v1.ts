import {
  applyLegacyReads,
  type CounterReading,
  type KstDate,
  kstDayRange,
  kstMonthOf,
  legacyMonths,
  openStatsMonth,
  recordObservation,
  type StatsMonth,
  toKstDate,
} from '@velog-insights/shared';

/** The shapes the first layout stored (collections `posts`, `post_days`). */
export interface V1Post {
  _id: string;
  userId: string;
  releasedAt: Date | null;
  views: number | null;
  likes: number;
  removedAt: Date | null;
}

export interface V1PostDay {
  postId: string;
  day: string;
  views: number | null;
  likes: number | null;
  takenAt: Date;
  source: 'snapshot' | 'velog-legacy';
}

/**
 * Rebuilds a writer's months from the first layout's day snapshots by replaying them, day by
 * day, through the same gain rule a scrape uses: each observed day is one scrape that read the
 * posts with a snapshot that day (a post without one was not read). Legacy days, stored as
 * cumulative totals, become the daily reads they were made from. Pure.
 */
export function replayV1(input: {
  userId: string;
  posts: readonly V1Post[];
  postDays: readonly V1PostDay[];
}): StatsMonth[] {
  const { userId } = input;
  const released = new Map(input.posts.map((post) => [post._id, post.releasedAt]));
  const snapshots = new Map<KstDate, V1PostDay[]>();
  const legacy = new Map<string, V1PostDay[]>();
  for (const doc of input.postDays) {
    if (doc.views === null && doc.likes === null) continue;
    if (doc.source === 'velog-legacy') {
      legacy.set(doc.postId, [...(legacy.get(doc.postId) ?? []), doc]);
      continue;
    }
    const day = doc.day as KstDate;
    snapshots.set(day, [...(snapshots.get(day) ?? []), doc]);
  }
  const removedOn = new Map<KstDate, string[]>();
  for (const post of input.posts) {
    if (post.removedAt === null) continue;
    const day = toKstDate(post.removedAt);
    removedOn.set(day, [...(removedOn.get(day) ?? []), post._id]);
  }

  const months = new Map<string, StatsMonth>();
  const seen = new Set<string>();
  let current: StatsMonth | null = null;
  const days = [...new Set([...snapshots.keys(), ...removedOn.keys()])].sort();
  for (const day of days) {
    const docs = snapshots.get(day) ?? [];
    const month = kstMonthOf(day);
    if (current === null || current.month !== month) {
      current = months.get(month) ?? openStatsMonth(userId, month, current);
    }
    // A snapshot's day is its `day` field; a `takenAt` outside that day (hand-written data)
    // is read as the day's last moment rather than moved to another day.
    const endOfDay = new Date(kstDayRange(day).end.getTime() - 1);
    const takenAt =
      docs.reduce<Date | null>((latest, doc) => {
        const at = toKstDate(doc.takenAt) === day ? doc.takenAt : endOfDay;
        return latest === null || at > latest ? at : latest;
      }, null) ?? endOfDay;
    const readings: CounterReading[] = docs.map((doc) => {
      const first = !seen.has(doc.postId);
      seen.add(doc.postId);
      return {
        postId: doc.postId,
        views: doc.views,
        likes: doc.likes,
        releasedAt: released.get(doc.postId) ?? null,
        ...(first ? { legacyBuckets: legacyBuckets(legacy.get(doc.postId) ?? [], doc) } : {}),
      };
    });
    for (const postId of removedOn.get(day) ?? []) {
      if (!docs.some((doc) => doc.postId === postId)) {
        readings.push({ postId, views: null, likes: null, releasedAt: null, gone: true });
      }
    }
    const result = recordObservation(current, { takenAt, readings });
    if (result.kind !== 'recorded') continue;
    current = result.month;
    months.set(month, current);
    for (const legacyMonth of legacyMonths(result.legacy, month)) {
      const base = months.get(legacyMonth) ?? openStatsMonth(userId, legacyMonth, null);
      months.set(legacyMonth, applyLegacyReads(base, result.legacy));
    }
  }
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/**
 * The first layout stored legacy days as cumulative totals; the reads of each day are the
 * differences, and the first snapshot's day read what its total adds to the last legacy day.
 */
function legacyBuckets(
  days: readonly V1PostDay[],
  first: V1PostDay,
): { day: Date; count: number }[] {
  const sorted = [...days]
    .filter((doc) => doc.views !== null)
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  const buckets: { day: Date; count: number }[] = [];
  for (let index = 1; index < sorted.length; index += 1) {
    const count = (sorted[index]?.views as number) - (sorted[index - 1]?.views as number);
    if (count > 0) {
      buckets.push({ day: kstDayRange(sorted[index]?.day as KstDate).start, count });
    }
  }
  const last = sorted.at(-1);
  if (last && first.views !== null && first.views > (last.views as number)) {
    buckets.push({
      day: kstDayRange(first.day as KstDate).start,
      count: first.views - (last.views as number),
    });
  }
  return buckets;
}
