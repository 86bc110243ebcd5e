/*
 * Test-only: random scrape histories with the true counters behind them. Views and likes move
 * only at scrape instants (just before the scrape reads them), so "what was truly added on a
 * day" is exact: the growth at that day's scrapes. Readings are then degraded at random the
 * way velog and the scraper degrade them: a post left out, a stats fetch without views, a
 * listing without likes, a stale (lower) view count.
 */
import fc from 'fast-check';
import { addKstDays, type KstDate, kstDatesBetween } from '../time/kst.js';
import type { CounterReading } from './record-observation.js';
import { day, kst, LONG_AGO, WriterSimulator } from './simulate.test-helper.js';

export type ReadKind = 'ok' | 'noLikes' | 'stale' | 'noViews' | 'absent';

export interface PostPlan {
  /** `null`: out before the history; else released just before scrape `release % scrapes`. */
  release: number | null;
  /** Where in the interval before that scrape it was released, in thousandths. */
  releaseAt: number;
  /** A pre-existing post whose release date velog left out. */
  releaseUnknown: boolean;
  views: number;
  likes: number;
  /** velog offers legacy buckets with its first reading; for an old post, these are its reads
   * per day before the history's first day (oldest first). */
  legacy: number[] | null;
}

export interface ScrapePlan {
  growth: number[];
  likeSteps: number[];
  kinds: ReadKind[];
}

export interface DayPlan {
  /** Days after the previous observed day. */
  skip: number;
  hours: number[];
  scrapes: ScrapePlan[];
}

export interface HistoryPlan {
  start: string;
  posts: PostPlan[];
  days: DayPlan[];
}

const MAX_POSTS = 5;
const perPost = <T>(value: fc.Arbitrary<T>) =>
  fc.array(value, { minLength: MAX_POSTS, maxLength: MAX_POSTS });

const scrapePlan = (noise: number): fc.Arbitrary<ScrapePlan> =>
  fc.record({
    growth: perPost(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }))),
    likeSteps: perPost(fc.constantFrom(-1, 0, 0, 0, 1, 1)),
    kinds: perPost(
      fc
        .tuple(fc.nat(99), fc.constantFrom<ReadKind>('noLikes', 'stale', 'noViews', 'absent'))
        .map(([roll, kind]) => (roll < noise ? kind : 'ok')),
    ),
  });

const dayPlan = (noise: number): fc.Arbitrary<DayPlan> =>
  fc.record({
    skip: fc.constantFrom(1, 1, 1, 1, 2, 3, 4),
    hours: fc
      .uniqueArray(fc.integer({ min: 1, max: 23 }), { minLength: 1, maxLength: 3 })
      .map((hours) => [...hours].sort((a, b) => a - b)),
    scrapes: fc.array(scrapePlan(noise), { minLength: 3, maxLength: 3 }),
  });

const postPlan: fc.Arbitrary<PostPlan> = fc.record({
  release: fc.option(fc.nat(40), { freq: 2 }),
  releaseAt: fc.integer({ min: 1, max: 999 }),
  releaseUnknown: fc.boolean(),
  views: fc.nat(300),
  likes: fc.nat(20),
  legacy: fc.option(fc.array(fc.oneof(fc.constant(0), fc.nat(6)), { maxLength: 8 })),
});

export const arbitraryHistory: fc.Arbitrary<HistoryPlan> = fc
  .constantFrom(0, 5, 15, 30)
  .chain((noise) =>
    fc.record({
      // Histories start near a month's (or a year's) end or start, so they or their legacy
      // days cross it.
      start: fc.constantFrom(
        '2026-01-29',
        '2026-02-26',
        '2025-12-30',
        '2024-02-27',
        '2026-03-31',
        '2026-03-02',
        '2026-01-01',
      ),
      posts: fc.array(postPlan, { minLength: 1, maxLength: MAX_POSTS }),
      days: fc.array(dayPlan(noise), { minLength: 2, maxLength: 9 }),
    }),
  );

/** What the simulator knows of one post at the end of a day. */
export interface PostDayTruth {
  /** True cumulative views and likes. */
  views: number;
  likes: number;
  /** Views truly added that day. */
  added: number;
  /** The high-water mark of the views read so far, and the latest likes read (once tracked). */
  readViews: number | null;
  readLikes: number | null;
  /** Read (views present) at least once that day. */
  read: boolean;
}

export interface ObservedDay {
  day: KstDate;
  /** Every scrape of the day read every released post's true views. */
  fullyRead: boolean;
  /** Its last scrape read every released post's true views. */
  lastScrapeFullyRead: boolean;
  /** The month's `lastEnd` before the day's first scrape. */
  lastEndBefore: Date | null;
}

export interface HistoryTruth {
  writer: WriterSimulator;
  postIds: string[];
  releasedAt: (Date | null)[];
  /** Every calendar day from the earliest legacy day to the last observed day. */
  span: KstDate[];
  /** The first day each post was read (`undefined`: never). */
  firstRead: (KstDate | undefined)[];
  /** By day, by post: what the simulator knows at the end of that day. */
  truth: Map<KstDate, PostDayTruth[]>;
  observed: Map<KstDate, ObservedDay>;
}

function bucketDay(value: KstDate, flip: boolean): Date {
  // Both mean the KST day `value`: its 09:00, or its midnight written as the previous UTC day.
  return flip
    ? new Date(`${addKstDays(value, -1)}T15:00:00.000Z`)
    : new Date(`${value}T00:00:00.000Z`);
}

export function runHistory(plan: HistoryPlan): HistoryTruth {
  const start = day(plan.start);
  const scrapes: { day: KstDate; at: Date; plan: ScrapePlan; last: boolean; first: boolean }[] = [];
  let current = start;
  plan.days.forEach((dayPlan, i) => {
    if (i > 0) current = addKstDays(current, dayPlan.skip);
    dayPlan.hours.forEach((hour, j) => {
      scrapes.push({
        day: current,
        at: kst(current, `${String(hour).padStart(2, '0')}:00`),
        plan: dayPlan.scrapes[j] as ScrapePlan,
        first: j === 0,
        last: j === dayPlan.hours.length - 1,
      });
    });
  });
  const lastDay = current;
  const posts = plan.posts;
  const n = posts.length;
  const postIds = posts.map((_, p) => `post-${p}`);

  const releasedAt = posts.map((post): Date | null => {
    if (post.release === null) return post.releaseUnknown ? null : LONG_AGO;
    const k = post.release % scrapes.length;
    const at = (scrapes[k] as (typeof scrapes)[number]).at.getTime();
    if (k === 0) return new Date(at - 30 * 60_000);
    const before = (scrapes[k - 1] as (typeof scrapes)[number]).at.getTime();
    return new Date(before + Math.floor(((at - before) * post.releaseAt) / 1000));
  });
  const releaseScrape = posts.map((post) =>
    post.release === null ? -1 : post.release % scrapes.length,
  );

  // Legacy history before the first day: only old posts have one.
  const legacyStart = posts.reduce(
    (earliest, post) =>
      post.release === null && post.legacy !== null && post.legacy.length > 0
        ? Math.max(earliest, post.legacy.length)
        : earliest,
    0,
  );
  const span = kstDatesBetween(addKstDays(start, -legacyStart), lastDay);
  const growthByDay = new Map<KstDate, number[]>();
  for (const value of span) growthByDay.set(value, new Array(n).fill(0));
  const views = posts.map((post) => (post.release === null ? post.views : 0));
  const likes = posts.map((post) => (post.release === null ? post.likes : 0));
  const truth = new Map<KstDate, PostDayTruth[]>();
  posts.forEach((post, p) => {
    const legacy = post.legacy;
    if (post.release !== null || legacy === null) return;
    legacy.forEach((count, i) => {
      const legacyDay = addKstDays(start, i - legacy.length);
      (growthByDay.get(legacyDay) as number[])[p] = count;
    });
  });
  // Pre-history end-of-day truths.
  {
    const running = [...views];
    for (const value of span) {
      if (value >= start) break;
      const growth = growthByDay.get(value) as number[];
      for (let p = 0; p < n; p += 1) running[p] = (running[p] as number) + (growth[p] as number);
      truth.set(
        value,
        running.map((v, p) => ({
          views: v,
          likes: likes[p] as number,
          added: growth[p] as number,
          readViews: null,
          readLikes: null,
          read: false,
        })),
      );
    }
    for (let p = 0; p < n; p += 1) views[p] = running[p] as number;
  }

  const writer = new WriterSimulator();
  const readViews: (number | null)[] = new Array(n).fill(null);
  const readLikes: (number | null)[] = new Array(n).fill(null);
  const firstRead: (KstDate | undefined)[] = new Array(n).fill(undefined);
  const observed = new Map<KstDate, ObservedDay>();
  let readToday: boolean[] = new Array(n).fill(false);
  let dayFull = true;

  scrapes.forEach((scrape, s) => {
    if (scrape.first) {
      observed.set(scrape.day, {
        day: scrape.day,
        fullyRead: false,
        lastScrapeFullyRead: false,
        lastEndBefore: writer.current()?.lastEnd ?? null,
      });
      readToday = new Array(n).fill(false);
      dayFull = true;
    }
    const released = posts.map(
      (post, p) => post.release === null || (releaseScrape[p] as number) <= s,
    );
    const growth = growthByDay.get(scrape.day) as number[];
    for (let p = 0; p < n; p += 1) {
      if (!released[p]) continue;
      const g = scrape.plan.growth[p] as number;
      views[p] = (views[p] as number) + g;
      growth[p] = (growth[p] as number) + g;
      likes[p] = Math.max(0, (likes[p] as number) + (scrape.plan.likeSteps[p] as number));
    }
    const readings: CounterReading[] = [];
    let full = true;
    for (let p = 0; p < n; p += 1) {
      if (!released[p]) continue;
      const tracked = readViews[p] !== null;
      let kind = scrape.plan.kinds[p] as ReadKind;
      // A stale count needs an earlier one; a new post's first reading carries its likes.
      if (!tracked && (kind === 'stale' || kind === 'noLikes')) kind = 'ok';
      if (kind === 'stale' && (readViews[p] as number) === 0) kind = 'ok';
      if (kind !== 'ok' && kind !== 'noLikes') full = false;
      if (kind === 'absent') continue;
      const reading: CounterReading = {
        postId: postIds[p] as string,
        views:
          kind === 'noViews'
            ? null
            : kind === 'stale'
              ? (readViews[p] as number) - 1
              : (views[p] as number),
        likes: kind === 'noLikes' ? null : (likes[p] as number),
        releasedAt: releasedAt[p] as Date | null,
      };
      if (!tracked && reading.views !== null && posts[p]?.legacy != null) {
        let flip = false;
        reading.legacyBuckets = span
          .filter((value) => value <= scrape.day)
          .flatMap((value) => {
            const count = (growthByDay.get(value) as number[])[p] as number;
            if (count <= 0) return [];
            flip = !flip;
            return [{ day: bucketDay(value, flip), count }];
          });
      }
      readings.push(reading);
    }
    writer.scrape(scrape.at, readings);
    for (const reading of readings) {
      if (reading.views === null) continue;
      const p = postIds.indexOf(reading.postId);
      firstRead[p] ??= scrape.day;
      readViews[p] = Math.max(readViews[p] ?? 0, reading.views);
      if (reading.likes !== null) readLikes[p] = reading.likes;
      readToday[p] = true;
    }
    dayFull &&= full;
    if (scrape.last) {
      const record = observed.get(scrape.day) as ObservedDay;
      record.fullyRead = dayFull;
      record.lastScrapeFullyRead = full;
    }
    const nextDay = scrapes[s + 1]?.day;
    if (nextDay !== scrape.day) {
      // The end of this day, and of every unobserved day up to the next one (nothing moves).
      const until = nextDay === undefined ? scrape.day : addKstDays(nextDay, -1);
      for (const value of kstDatesBetween(scrape.day, until)) {
        const added = growthByDay.get(value) as number[];
        truth.set(
          value,
          posts.map((_, p) => ({
            views: views[p] as number,
            likes: likes[p] as number,
            added: added[p] as number,
            readViews: readViews[p] as number | null,
            readLikes: readLikes[p] as number | null,
            read: value === scrape.day && (readToday[p] as boolean),
          })),
        );
      }
    }
  });

  return { writer, postIds, releasedAt, span, firstRead, truth, observed };
}
