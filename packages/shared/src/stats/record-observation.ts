import { addKstDays, type KstDate, toKstDate } from '../time/kst.js';
import {
  type DayRecord,
  emptyDay,
  firstDayOfMonth,
  type KstMonth,
  kstMonthOf,
  kstMonthsBetween,
  lastDayOfMonth,
  postIndex,
  type StatsMonth,
} from './month.js';

/** What one scrape read of one post. `null` counters were not read this time. */
export interface CounterReading {
  postId: string;
  views: number | null;
  likes: number | null;
  releasedAt: Date | null;
  /** velog said the post is gone (trusted only from the owner's complete listing). */
  gone?: boolean;
  /** velog's legacy per-KST-day read counts, offered with a post's first reading. */
  legacyBuckets?: readonly { day: Date; count: number }[];
}

/** Reads of a newly seen post on days before we first read it, for earlier months' documents. */
export interface LegacyReads {
  idx: string;
  postId: string;
  /** The first day the buckets measure (earlier reads were purged by velog). */
  from: KstDate;
  /** The first day we read the post; its cumulative views then were `views`. */
  firstDay: KstDate;
  views: number;
  likes: number;
  /** Reads per day from `from` to the day before `firstDay`; absent days had none. */
  reads: ReadonlyMap<KstDate, number>;
}

export type RecordOutcome =
  | { kind: 'recorded'; month: StatsMonth; changed: boolean; legacy: LegacyReads[] }
  /** The reading is older than one already recorded (a clock gone back): nothing is written. */
  | { kind: 'out-of-order'; month: StatsMonth };

function clone(month: StatsMonth): StatsMonth {
  return structuredClone(month);
}

function bump(map: Record<string, number>, idx: string, by: number): void {
  const value = (map[idx] ?? 0) + by;
  if (value === 0) delete map[idx];
  else map[idx] = value;
}

/**
 * Turns velog's legacy buckets into reads per day before `firstDay`. Counting back from the
 * first total, a day whose cumulative would come out negative lies before velog's purge of
 * old reads: the buckets measure the post only from the day after it.
 */
export function legacyReads(
  views: number,
  firstDay: KstDate,
  buckets: readonly { day: Date; count: number }[],
): { from: KstDate; reads: Map<KstDate, number>; firstDayReads: number } | null {
  const byDay = new Map<KstDate, number>();
  for (const bucket of buckets) {
    if (!(bucket.count > 0)) continue;
    const day = toKstDate(bucket.day);
    if (day > firstDay) continue;
    byDay.set(day, (byDay.get(day) ?? 0) + bucket.count);
  }
  const firstDayReads = byDay.get(firstDay) ?? 0;
  byDay.delete(firstDay);
  let remaining = views - firstDayReads;
  if (remaining < 0 || byDay.size === 0) return null;
  const reads = new Map<KstDate, number>();
  let from: KstDate | null = null;
  for (const day of [...byDay.keys()].sort().reverse()) {
    const count = byDay.get(day) as number;
    if (remaining - count < 0) break;
    remaining -= count;
    reads.set(day, count);
    from = day;
  }
  return from === null ? null : { from, reads, firstDayReads };
}

/**
 * Records one scrape's readings in the writer's month, as gains on the reading's KST day:
 * - a post's gain is its counter now minus its counter at its previous reading; when that was
 *   before the writer's previous observed day (the post went unread), the gain is a span
 *   from that day, never poured into this one;
 * - views never go down: a lower total is ignored and the high-water mark kept; likes are
 *   net, so a like taken back and given again nets to nothing;
 * - a post first seen that was released after our previous observation (on a writer's very
 *   first scrape: released that same KST day) launched: its whole count is this day's gain;
 * - any other post first seen is a baseline: no gain, and the day has an unmeasured part;
 *   read again later that day, what it gained since counts;
 * - a tracked post this scrape did not read is marked missed for the day, so its day is a
 *   gap, not a zero, and its growth arrives later as a span.
 * The writer's day figure is then the sum of its posts' gains: an incomplete listing can only
 * leave gains out, never invent them. Pure: the caller stores the returned month.
 */
export function recordObservation(
  before: StatsMonth,
  input: { takenAt: Date; readings: readonly CounterReading[] },
): RecordOutcome {
  const { takenAt } = input;
  const day = toKstDate(takenAt);
  if (kstMonthOf(day) !== before.month) {
    throw new Error(`recordObservation: ${day} is not in ${before.month}`);
  }
  if (before.last !== null && day < before.last) return { kind: 'out-of-order', month: before };

  const month = clone(before);
  const existing = month.days[day];
  const newDay = existing === undefined || existing.at === null;
  const record: DayRecord = existing ?? emptyDay(takenAt, null);
  if (newDay) {
    record.at = takenAt;
    record.prev = month.last;
    month.days[day] = record;
  }
  const previousLook = month.lastEnd;
  const legacy: LegacyReads[] = [];
  const read = new Set<string>();

  for (const reading of input.readings) {
    if (!hasViews(reading)) continue;
    const idx = postIndex(month, reading.postId);
    if (idx === undefined) {
      recordNewPost(month, record, day, reading, previousLook, takenAt, legacy);
      continue;
    }
    read.add(idx);
    const post = month.posts[idx] as NonNullable<StatsMonth['posts'][string]>;
    delete post.rm;
    const firstReadToday = newDay || record.miss[idx] !== undefined;
    if (firstReadToday) {
      delete record.miss[idx];
      const lastRead = post.ls;
      delete post.ls;
      if (lastRead !== undefined && lastRead !== record.prev) record.s[idx] = lastRead;
    }
    // Seen again the day it was a baseline: what it gained since then is measured.
    if (!firstReadToday || post.f !== day) delete record.b[idx];
    if (reading.views < post.v) record.corr = true;
    const views = Math.max(post.v, reading.views);
    bump(record.v, idx, views - post.v);
    post.v = views;
    if (reading.likes !== null) {
      bump(record.l, idx, reading.likes - post.l);
      post.l = reading.likes;
    }
  }

  const gone = new Set(input.readings.filter((r) => r.gone).map((r) => r.postId));
  for (const [idx, post] of Object.entries(month.posts)) {
    if (read.has(idx) || post.rm !== undefined || post.f === day) continue;
    if (gone.has(post.id)) {
      post.rm = day;
      // Should it come back (made public again), what it gained meanwhile is a span.
      post.ls ??= !newDay && record.miss[idx] === undefined ? day : (record.prev ?? day);
      continue;
    }
    // Read earlier today: the day's reading stands. Otherwise it is a miss.
    if (!newDay && record.miss[idx] === undefined) continue;
    record.miss[idx] = 1;
    post.ls ??= record.prev ?? day;
  }

  let views = 0;
  let likes = 0;
  for (const post of Object.values(month.posts)) {
    views += post.v;
    likes += post.l;
  }
  record.tv = views;
  record.tl = likes;
  // Legacy buckets carry no likes, so a post measured by them leaves its first day's likes open.
  const legacyToday = Object.values(month.posts).some((p) => p.f === day && p.lf !== undefined);
  record.part =
    Object.keys(record.miss).length > 0 || Object.keys(record.b).length > 0 || legacyToday;
  month.last = day;

  const result = legacy.length > 0 ? applyLegacyReads(month, legacy) : month;
  const changed = JSON.stringify(result) !== JSON.stringify(before);
  if (changed) {
    (result.days[day] as DayRecord).end = takenAt;
    result.lastEnd = takenAt;
  }
  return { kind: 'recorded', month: changed ? result : before, changed, legacy };
}

function hasViews(reading: CounterReading): reading is CounterReading & { views: number } {
  return reading.views !== null;
}

function recordNewPost(
  month: StatsMonth,
  record: DayRecord,
  day: KstDate,
  reading: CounterReading & { views: number },
  previousLook: Date | null,
  takenAt: Date,
  legacy: LegacyReads[],
): void {
  // Without its likes a first reading cannot be a baseline: its lifetime likes would later
  // count as a gain. The post is tracked from a reading that has them (the listing's).
  if (reading.gone || reading.likes === null) return;
  const idx = String(month.next);
  month.next += 1;
  const likes = reading.likes;
  const released = reading.releasedAt;
  const launched =
    released !== null &&
    released <= takenAt &&
    (previousLook === null ? toKstDate(released) === day : released > previousLook);
  const buckets = launched ? null : legacyReads(reading.views, day, reading.legacyBuckets ?? []);

  month.posts[idx] = { id: reading.postId, v: reading.views, l: likes, f: day };
  const post = month.posts[idx];
  if (launched) {
    post.n = true;
    month.open[idx] = [0, 0];
    bump(record.v, idx, reading.views);
    bump(record.l, idx, likes);
    return;
  }
  if (buckets === null) {
    month.open[idx] = [reading.views, likes];
    record.b[idx] = 1;
    return;
  }
  // Legacy buckets measure the post up to today: today's reads are today's gain.
  post.lf = buckets.from;
  if (record.prev !== addKstDays(day, -1)) record.s[idx] = addKstDays(day, -1);
  bump(record.v, idx, buckets.firstDayReads);
  const reads = buckets.reads;
  const opening = legacyOpening(reading.views - buckets.firstDayReads, reads, month.month);
  month.open[idx] = [opening, likes];
  legacy.push({
    idx,
    postId: reading.postId,
    from: buckets.from,
    firstDay: day,
    views: reading.views - buckets.firstDayReads,
    likes,
    reads,
  });
}

/**
 * A legacy-measured post's cumulative views at the start of `month` (or before its first
 * measured day in it): the total before `firstDay` less every read from the month on.
 */
function legacyOpening(
  viewsBeforeFirstDay: number,
  reads: ReadonlyMap<KstDate, number>,
  month: KstMonth,
): number {
  const start = firstDayOfMonth(month);
  let opening = viewsBeforeFirstDay;
  for (const [day, count] of reads) if (day >= start) opening -= count;
  return opening;
}

/**
 * Writes a post's legacy reads into one month: legacy-only day records (no observation: `at`
 * is null) and the post's opening figure. The month containing the post's first day is done by
 * recordObservation itself, apart from its legacy days, which this also fills.
 */
export function applyLegacyReads(month: StatsMonth, imports: readonly LegacyReads[]): StatsMonth {
  const result = clone(month);
  const start = firstDayOfMonth(month.month);
  const end = lastDayOfMonth(month.month);
  for (const item of imports) {
    if (item.from > end || item.firstDay < start) continue;
    const inFirstMonth = kstMonthOf(item.firstDay) === month.month;
    if (!inFirstMonth) {
      result.posts[item.idx] = {
        id: item.postId,
        v: item.views - legacyAfter(item.reads, end),
        l: item.likes,
        f: item.firstDay,
        lf: item.from,
      };
      // Likes as first read: no like gain is recorded before the post's first day.
      result.open[item.idx] = [legacyOpening(item.views, item.reads, month.month), item.likes];
      result.next = Math.max(result.next, Number(item.idx) + 1);
    }
    for (const [day, count] of item.reads) {
      if (kstMonthOf(day) !== month.month) continue;
      const record = result.days[day] ?? emptyDay(null, null);
      record.part = true;
      bump(record.v, item.idx, count);
      result.days[day] = record;
    }
  }
  return result;
}

function legacyAfter(reads: ReadonlyMap<KstDate, number>, day: KstDate): number {
  let total = 0;
  for (const [readDay, count] of reads) if (readDay > day) total += count;
  return total;
}

/** The months (other than the observation's own) that a scrape's legacy reads reach into. */
export function legacyMonths(legacy: readonly LegacyReads[], current: KstMonth): KstMonth[] {
  const months = new Set<KstMonth>();
  for (const item of legacy) {
    for (const month of kstMonthsBetween(item.from, item.firstDay)) {
      if (month !== current) months.add(month);
    }
  }
  return [...months].sort();
}
