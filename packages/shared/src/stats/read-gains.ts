import type { DailyGain } from '../models/daily-gain.js';
import { addKstDays, type KstDate, kstDatesBetween, kstDaysBetween } from '../time/kst.js';
import { type DayRecord, kstMonthOf, type PostCounters, type StatsMonth } from './month.js';

/*
 * Reading daily figures back from a writer's months. Every figure comes from one rule,
 * `classifyPostDay`: what one post gained on one KST day. The writer's day, a post's series,
 * the posts table's period gains and the export are all sums or listings of it, so the
 * writer's chart always equals the sum of the table.
 */

export interface GainRange {
  from: KstDate;
  to: KstDate;
}

/** What one post gained on one day: daily, a span closing that day, or unknown (`null`). */
export type PostDayGain =
  | { kind: 'daily'; views: number; likes: number | null; partial: boolean }
  | { kind: 'span'; since: KstDate; views: number; likes: number };

/** The months a reader has, by month, with every post they know of (the latest wins). */
export interface MonthIndex {
  byMonth: ReadonlyMap<string, StatsMonth>;
  posts: ReadonlyMap<string, PostCounters>;
  /** velog post id → post number. */
  ids: ReadonlyMap<string, string>;
}

export function indexMonths(months: readonly StatsMonth[]): MonthIndex {
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : 1));
  const byMonth = new Map<string, StatsMonth>();
  const posts = new Map<string, PostCounters>();
  const ids = new Map<string, string>();
  for (const month of sorted) {
    byMonth.set(month.month, month);
    for (const [idx, post] of Object.entries(month.posts)) {
      posts.set(idx, post);
      ids.set(post.id, idx);
    }
  }
  return { byMonth, posts, ids };
}

function recordOf(index: MonthIndex, day: KstDate): DayRecord | undefined {
  return index.byMonth.get(kstMonthOf(day))?.days[day];
}

/**
 * One post's gain on one day, from that day's record:
 * - before the post's first reading it is unknown, except on days velog's legacy buckets
 *   measured (reads only: likes unknown, and a day without a bucket had no reads);
 * - on its first day: a launch's whole count, a legacy-measured day's reads, or a baseline
 *   (unknown until it was read again that day: then what it gained since);
 * - on an unobserved day, a day it was missed, or after it was removed: unknown;
 * - otherwise the gain since its previous reading: daily when that was the day before, else a
 *   span from that day.
 */
export function classifyPostDay(
  record: DayRecord | undefined,
  day: KstDate,
  idx: string,
  post: PostCounters,
  /** `day`'s previous day, when the caller has it (a loop over many posts saves the arithmetic). */
  dayBefore: KstDate = addKstDays(day, -1),
): PostDayGain | null {
  const views = record?.v[idx] ?? 0;
  const likes = record?.l[idx] ?? 0;
  if (day < post.f) {
    if (post.lf !== undefined && day >= post.lf) {
      return { kind: 'daily', views, likes: null, partial: true };
    }
    return null;
  }
  if (record === undefined || record.at === null) return null;
  if (post.rm !== undefined && day >= post.rm) return null;
  if (record.miss[idx] !== undefined) return null;
  if (day === post.f) {
    if (post.n) return { kind: 'daily', views, likes, partial: false };
    if (post.lf !== undefined) return { kind: 'daily', views, likes: null, partial: true };
    if (record.b[idx] !== undefined) return null;
    return { kind: 'daily', views, likes, partial: true };
  }
  const since = record.s[idx] ?? record.prev;
  if (since === null || since === dayBefore) {
    return { kind: 'daily', views, likes, partial: false };
  }
  return { kind: 'span', since, views, likes };
}

/** Whether a gain counts towards a range: a span only when it lies wholly inside it. */
function countsInRange(gain: PostDayGain, beforeRange: KstDate): boolean {
  return gain.kind === 'daily' || gain.since >= beforeRange;
}

/** A post's cumulative counters at the end of each day of a month it was read in. */
function runningTotals(
  month: StatsMonth,
  idx: string,
  post: PostCounters,
): Map<KstDate, { views: number; likes: number | null }> {
  const totals = new Map<KstDate, { views: number; likes: number | null }>();
  const open = month.open[idx];
  if (open === undefined) return totals;
  let views = open[0];
  let likes = open[1];
  for (const day of Object.keys(month.days).sort() as KstDate[]) {
    const record = month.days[day] as DayRecord;
    const gain = classifyPostDay(record, day, idx, post);
    views += record.v[idx] ?? 0;
    if (likes !== null) likes += record.l[idx] ?? 0;
    if (gain !== null) totals.set(day, { views, likes: day < post.f ? null : likes });
  }
  return totals;
}

/** One post's figures for each day of `range`. */
export function postDailyGains(index: MonthIndex, postId: string, range: GainRange): DailyGain[] {
  const idx = index.ids.get(postId);
  const post = idx === undefined ? undefined : index.posts.get(idx);
  const totalsByMonth = new Map<string, ReturnType<typeof runningTotals>>();
  return kstDatesBetween(range.from, range.to).map((day) => {
    if (idx === undefined || post === undefined) return unknownDay(day);
    const gain = classifyPostDay(recordOf(index, day), day, idx, post);
    if (gain === null) return unknownDay(day);
    const month = kstMonthOf(day);
    let totals = totalsByMonth.get(month);
    if (totals === undefined) {
      const stored = index.byMonth.get(month);
      totals = stored ? runningTotals(stored, idx, post) : new Map();
      totalsByMonth.set(month, totals);
    }
    const total = totals.get(day);
    const base = {
      day,
      totalViews: total?.views ?? null,
      totalLikes: total?.likes ?? null,
      correction: false,
    };
    if (gain.kind === 'daily') {
      return { ...base, views: gain.views, likes: gain.likes, partial: gain.partial, gap: null };
    }
    return {
      ...base,
      views: null,
      likes: null,
      partial: false,
      gap: { days: kstDaysBetween(gain.since, day), views: gain.views, likes: gain.likes },
    };
  });
}

function unknownDay(day: KstDate): DailyGain {
  return {
    day,
    views: null,
    likes: null,
    totalViews: null,
    totalLikes: null,
    correction: false,
    partial: false,
    gap: null,
  };
}

/** Every post's gains over `range` (`null` where not one of its days is known). */
export function postRangeGains(
  index: MonthIndex,
  range: GainRange,
  /** Only this post (one post's page), instead of every post. */
  onlyPostId?: string,
): Map<string, { views: number | null; likes: number | null }> {
  const posts = [...index.posts].filter(
    ([, post]) => onlyPostId === undefined || post.id === onlyPostId,
  );
  const views: (number | null)[] = posts.map(() => null);
  const likes: (number | null)[] = posts.map(() => null);
  const beforeRange = addKstDays(range.from, -1);
  // Days outside, posts inside: each day's record and previous day are looked up once.
  for (const day of kstDatesBetween(range.from, range.to)) {
    const record = recordOf(index, day);
    const dayBefore = addKstDays(day, -1);
    posts.forEach(([idx, post], n) => {
      const gain = classifyPostDay(record, day, idx, post, dayBefore);
      if (gain === null || !countsInRange(gain, beforeRange)) return;
      views[n] = (views[n] ?? 0) + gain.views;
      if (gain.likes !== null) likes[n] = (likes[n] ?? 0) + gain.likes;
    });
  }
  return new Map(
    posts.map(([, post], n) => [post.id, { views: views[n] ?? null, likes: likes[n] ?? null }]),
  );
}

/** The writer's gains over `range`: the sum of its posts' (`null` where none is known). */
export function writerRangeGains(
  index: MonthIndex,
  range: GainRange,
): { views: number | null; likes: number | null } {
  let views: number | null = null;
  let likes: number | null = null;
  for (const sum of postRangeGains(index, range).values()) {
    if (sum.views !== null) views = (views ?? 0) + sum.views;
    if (sum.likes !== null) likes = (likes ?? 0) + sum.likes;
  }
  return { views, likes };
}

/**
 * The writer's figures for each day of `range`: the sum of its posts' daily gains, with the
 * spans closing that day gathered into one gap (from the oldest of them). After days the writer
 * was not observed at all, every post's growth is such a span.
 */
export function writerDailyGains(index: MonthIndex, range: GainRange): DailyGain[] {
  return kstDatesBetween(range.from, range.to).map((day) => {
    const record = recordOf(index, day);
    const dayBefore = addKstDays(day, -1);
    let views: number | null = null;
    let likes: number | null = null;
    let partial = record?.part ?? false;
    let spanViews: number | null = null;
    let spanLikes: number | null = null;
    let since: KstDate | null = null;
    for (const [idx, post] of index.posts) {
      const gain = classifyPostDay(record, day, idx, post, dayBefore);
      if (gain === null) continue;
      if (gain.kind === 'daily') {
        views = (views ?? 0) + gain.views;
        if (gain.likes !== null) likes = (likes ?? 0) + gain.likes;
        partial ||= gain.partial;
      } else {
        spanViews = (spanViews ?? 0) + gain.views;
        spanLikes = (spanLikes ?? 0) + gain.likes;
        if (since === null || gain.since < since) since = gain.since;
      }
    }
    const observed = record !== undefined && record.at !== null;
    return {
      day,
      views,
      likes,
      totalViews: observed ? record.tv : null,
      totalLikes: observed ? record.tl : null,
      correction: record?.corr ?? false,
      partial: views !== null && partial,
      gap:
        since === null
          ? null
          : { days: kstDaysBetween(since, day), views: spanViews, likes: spanLikes },
    };
  });
}
