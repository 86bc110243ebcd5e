import { z } from 'zod';
import { addKstDays, KstDate } from '../time/kst.js';

/*
 * One writer's KST month as stored: the bucket that daily figures are read from. Everything a
 * gain needs lives in the one document that records it, so recording an observation is one
 * write of one document and can never be half-applied across two.
 *
 * Posts are keyed by a small number (`idx`) the writer's months share, not by velog's 36-character
 * id: a month holds one key per post per day that gained, and short keys keep a month of a
 * 2,000-post writer well under MongoDB's 16 MB limit (and under 2 MB).
 */

/** `YYYY-MM`, the KST month. */
export const KstMonth = z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM');
export type KstMonth = z.infer<typeof KstMonth>;

export function kstMonthOf(day: KstDate): KstMonth {
  return day.slice(0, 7);
}

export function firstDayOfMonth(month: KstMonth): KstDate {
  return `${month}-01` as KstDate;
}

export function lastDayOfMonth(month: KstMonth): KstDate {
  return addKstDays(firstDayOfMonth(nextKstMonth(month)), -1);
}

/** `YYYY-MM`, the year padded too: a year before 1000 is still four digits (`0298-01`). */
function kstMonth(year: number, month: number): KstMonth {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function nextKstMonth(month: KstMonth): KstMonth {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return mm === 12 ? kstMonth(year + 1, 1) : kstMonth(year, mm + 1);
}

export function previousKstMonth(month: KstMonth): KstMonth {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return mm === 1 ? kstMonth(year - 1, 12) : kstMonth(year, mm - 1);
}

/** The months a range of days touches, oldest first. */
export function kstMonthsBetween(from: KstDate, to: KstDate): KstMonth[] {
  const months: KstMonth[] = [];
  for (let month = kstMonthOf(from); month <= kstMonthOf(to); month = nextKstMonth(month)) {
    months.push(month);
  }
  return months;
}

export function statsMonthId(userId: string, month: KstMonth): string {
  return `${userId}:${month}`;
}

const Count = z.number().int();

/** A post's counters and history markers, as of the month's latest observation. */
export const PostCounters = z.object({
  /** velog's post id. */
  id: z.string().min(1),
  /** Cumulative views: a high-water mark, since a lower reading is a stale cache, not readers leaving. */
  v: Count.nonnegative(),
  /** Likes, net: a like taken back lowers it. */
  l: Count.nonnegative(),
  /** The KST day we first read the post's counters. */
  f: KstDate,
  /** Launched: first seen after its release, so its whole count is the first day's gain. */
  n: z.literal(true).optional(),
  /** The day the legacy daily buckets measure the post from (before `f`). */
  lf: KstDate.optional(),
  /** While the post goes unread: the last day it was read. Its next gain is a span from here. */
  ls: KstDate.optional(),
  /** The day velog said the post is gone; its counters stay, so a deletion is no negative day. */
  rm: KstDate.optional(),
});
export type PostCounters = z.infer<typeof PostCounters>;

/** Sparse per-post numbers of one day: only posts with something to say have a key. */
const ByPost = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

/** One observed (or legacy-measured) KST day. */
export const DayRecord = z.object({
  /** The day's first observation; `null` on a day known only from velog's legacy buckets. */
  at: z.coerce.date().nullable(),
  /** The latest observation that changed this record (unchanged re-scrapes write nothing). */
  end: z.coerce.date().nullable(),
  /** The writer's previous observed day: a gain measured from an older day is a span. */
  prev: KstDate.nullable(),
  /** Totals of every post at the day's latest recorded observation. */
  tv: Count.nonnegative().nullable(),
  tl: Count.nonnegative().nullable(),
  /** Views and likes gained since the previous observation, by post; absent = 0. */
  v: ByPost(Count),
  l: ByPost(Count),
  /** Where a post's own previous reading is older than `prev`: the day it was last read. */
  s: ByPost(KstDate),
  /** Tracked posts not read on this day (a failed page, a failed fetch). */
  miss: ByPost(z.literal(1)),
  /** Posts first seen this day as a baseline and not read again since: their day is unknown. */
  b: ByPost(z.literal(1)),
  /** Some of the day is unmeasured: baselines, misses, or legacy buckets (which lack likes). */
  part: z.boolean(),
  /** A lower total was read (and ignored): velog's cache served a stale figure. */
  corr: z.boolean(),
});
export type DayRecord = z.infer<typeof DayRecord>;

export const StatsMonth = z.object({
  userId: z.string().min(1),
  month: KstMonth,
  /** Each post's counters at the month's start (or before its first day in the month). */
  open: ByPost(z.tuple([Count.nonnegative(), Count.nonnegative().nullable()])),
  posts: ByPost(PostCounters),
  // Keyed by KstDate; a plain string key keeps lookups by day free of casts.
  days: z.record(z.string(), DayRecord),
  /** The writer's latest observed day up to this month (legacy days do not count). */
  last: KstDate.nullable(),
  /** The latest observation recorded up to this month: what "released since we last looked" means. */
  lastEnd: z.coerce.date().nullable(),
  /** The next post number to hand out. */
  next: z.number().int().nonnegative(),
});
export type StatsMonth = z.infer<typeof StatsMonth>;

export function emptyDay(at: Date | null, prev: KstDate | null): DayRecord {
  return {
    at,
    end: at,
    prev,
    tv: null,
    tl: null,
    v: {},
    l: {},
    s: {},
    miss: {},
    b: {},
    part: false,
    corr: false,
  };
}

/**
 * The month a writer's next observation starts from: empty for a new writer, else carrying
 * the latest earlier month's counters as its opening figures.
 */
export function openStatsMonth(
  userId: string,
  month: KstMonth,
  before: StatsMonth | null,
): StatsMonth {
  const open: StatsMonth['open'] = {};
  const posts: StatsMonth['posts'] = {};
  for (const [idx, post] of Object.entries(before?.posts ?? {})) {
    posts[idx] = { ...post };
    open[idx] = [post.v, post.l];
  }
  return {
    userId,
    month,
    open,
    posts,
    days: {},
    last: before?.last ?? null,
    lastEnd: before?.lastEnd ?? null,
    next: before?.next ?? 0,
  };
}

/** The post number of a velog post id in a month's map, if tracked. */
export function postIndex(month: Pick<StatsMonth, 'posts'>, postId: string): string | undefined {
  for (const [idx, post] of Object.entries(month.posts)) if (post.id === postId) return idx;
  return undefined;
}
