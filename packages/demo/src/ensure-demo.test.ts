import {
  addKstDays,
  type DailyGain,
  indexMonths,
  KstDate,
  kstDayRange,
  kstDaysBetween,
  type MonthIndex,
  postDailyGains,
  postRangeGains,
  type StatsMonth,
  toKstDate,
  writerDailyGains,
  writerRangeGains,
} from '@velog-insights/shared';
import { readPostDetails, readStatsMonths, storeModels } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIRST_POST_DAY, type DemoPost, demoPosts } from './catalogue.js';
import { DEMO_USER_ID, ensureDemoData } from './ensure-demo.js';
import { DEMO_OUTAGE_DAYS, type DemoCounters, demoPostHistory, partialDay } from './history.js';

const db = useTestDatabase();
// 14:00 KST on 2026-11-23.
const now = new Date('2026-11-23T05:00:00Z');
const today = KstDate.parse('2026-11-23');
const later = new Date(now.getTime() + 3 * 86_400_000);

let connection: Connection;
/** Write commands per collection since the last reset, as the driver sent them. */
const writes = new Map<string, number>();

beforeAll(async () => {
  // Command events reach listeners only on a client created with monitorCommands.
  connection = await mongoose
    .createConnection(db.uri, { dbName: db.dbName, monitorCommands: true })
    .asPromise();
  connection.getClient().on('commandStarted', (event) => {
    if (!['insert', 'update', 'delete'].includes(event.commandName)) return;
    const collection = String(event.command[event.commandName]);
    writes.set(collection, (writes.get(collection) ?? 0) + 1);
  });
});

afterAll(async () => {
  await connection.close();
});

async function demoMonths(to: KstDate): Promise<StatsMonth[]> {
  return readStatsMonths(storeModels(connection), DEMO_USER_ID, { from: DEMO_FIRST_POST_DAY, to });
}

async function demoIndex(to: KstDate): Promise<MonthIndex> {
  return indexMonths(await demoMonths(to));
}

/** The demo post released on `day`; the test is about it, so there must be one. */
function postReleasedOn(day: KstDate): DemoPost {
  const post = demoPosts(day).find((candidate) => candidate.releasedOn === day);
  if (!post) throw new Error(`no demo post released on ${day}`);
  return post;
}

/** Every observed day of the stored months, oldest first. */
function observedDays(months: readonly StatsMonth[]): [KstDate, StatsMonth['days'][string]][] {
  return months
    .flatMap((month) => Object.entries(month.days))
    .filter(([, record]) => record.at !== null)
    .sort(([a], [b]) => (a < b ? -1 : 1)) as [KstDate, StatsMonth['days'][string]][];
}

/** What the demo's scrape read on `day` at `at`: each post's counters then, from its history. */
function demoCounters(day: KstDate, at: Date): Map<string, DemoCounters> {
  const fraction = (at.getTime() - kstDayRange(day).start.getTime()) / 86_400_000;
  const counters = new Map<string, DemoCounters>();
  for (const post of demoPosts(day)) {
    const history = demoPostHistory(post, day);
    const end = history.get(day);
    if (!end) continue;
    const before = history.get(addKstDays(day, -1)) ?? { views: 0, likes: 0 };
    counters.set(post.id, toKstDate(at) === day ? partialDay(before, end, fraction) : end);
  }
  return counters;
}

function sumViews(days: readonly DailyGain[]): number {
  return days.reduce((sum, day) => sum + (day.views ?? 0), 0);
}

// Each call replays up to 18 months through the gain rule against a real server.
describe('ensureDemoData', { timeout: 90_000 }, () => {
  it('creates a token-free demo writer observed every day since the first post, but the outage', async () => {
    const started = Date.now();
    const report = await ensureDemoData({ connection, now });
    console.log(
      `[demo] generated ${report.daysWritten} days of ${report.posts} posts in ${Date.now() - started} ms on ${db.kind}`,
    );
    const { User } = storeModels(connection);

    const user = await User.findById(DEMO_USER_ID).lean();
    expect(user).toMatchObject({ isDemo: true, tokens: null, authStatus: 'active' });
    expect((await readPostDetails(storeModels(connection), DEMO_USER_ID)).size).toBe(report.posts);

    const expectedDays = kstDaysBetween(DEMO_FIRST_POST_DAY, today) + 1 - DEMO_OUTAGE_DAYS.size;
    expect(report.daysWritten).toBe(expectedDays);
    const months = await demoMonths(today);
    // One document per KST month, from the first post's month to today's.
    expect(months.map((month) => month.month)).toHaveLength(19);
    const days = observedDays(months);
    expect(days).toHaveLength(expectedDays);
    expect(days.some(([day]) => DEMO_OUTAGE_DAYS.has(day))).toBe(false);
    expect(days.at(-1)).toEqual([today, expect.objectContaining({ at: now, end: now })]);
    expect(months.at(-1)?.last).toBe(today);
    // Each earlier day is its day-close observation, ten minutes before KST midnight.
    for (const [day, record] of days.slice(0, -1)) {
      expect(record.at?.getTime()).toBe(kstDayRange(day).end.getTime() - 10 * 60_000);
    }

    // A day's total is the sum of that day's post totals, and both are the demo's history.
    const sample = addKstDays(today, -40);
    const index = indexMonths(months);
    const range = { from: sample, to: sample };
    const truth = demoCounters(sample, kstDayRange(sample).end);
    const postTotals = [...truth.keys()].map(
      (postId) => postDailyGains(index, postId, range)[0]?.totalViews,
    );
    const dayTotal = writerDailyGains(index, range)[0]?.totalViews;
    expect(postTotals).toEqual([...truth.values()].map((counters) => counters.views));
    expect(postTotals.reduce((sum: number, views) => sum + (views ?? 0), 0)).toBe(dayTotal);
  });

  it('derives honest daily figures: the outage is a gap, nothing is negative, today is partial', async () => {
    const range = { from: DEMO_FIRST_POST_DAY, to: today };
    const gains = writerDailyGains(await demoIndex(today), range);
    const [outageStart] = [...DEMO_OUTAGE_DAYS];
    const closingDay = addKstDays(KstDate.parse(outageStart as string), 2);
    const closing = gains.find((day) => day.day === closingDay);
    expect(
      gains.filter((day) => DEMO_OUTAGE_DAYS.has(day.day)).every((day) => day.views === null),
    ).toBe(true);
    // The day after the outage closes a 3-day span for the posts that were read before it. A
    // post released that very day launched then, so the day has its gain (the old model could
    // only say null).
    expect(closing?.gap?.days).toBe(3);
    expect(closing?.gap?.views).toBeGreaterThan(0);
    const launched = postReleasedOn(closingDay);
    expect(closing?.views).toBe(demoPostHistory(launched, closingDay).get(closingDay)?.views);
    expect(gains.filter((day) => day.correction)).toEqual([]);
    expect(gains.some((day) => (day.views ?? 0) < 0 || (day.likes ?? 0) < 0)).toBe(false);
    const known = gains.filter((day) => day.views !== null).map((day) => day.views as number);
    expect(known.length).toBeGreaterThan(400);
    const todayGain = gains.at(-1)?.views ?? 0;
    const yesterdayGain = gains.at(-2)?.views ?? 0;
    expect(todayGain).toBeGreaterThan(0);
    expect(todayGain).toBeLessThan(yesterdayGain);
  });

  it('gives a post published in the last 30 days its launch day, and sums the posts’ range gains', async () => {
    const range = { from: addKstDays(today, -29), to: today };
    const index = await demoIndex(today);
    const recent = demoPosts(today).filter((post) => post.releasedOn >= range.from);
    expect(recent.length).toBeGreaterThan(0);
    const current = demoCounters(today, now);
    const byPost = postRangeGains(index, range);
    for (const post of recent) {
      const launch = demoPostHistory(post, today).get(post.releasedOn) as DemoCounters;
      const [day0] = postDailyGains(index, post.id, { from: post.releasedOn, to: post.releasedOn });
      expect(day0).toMatchObject({ views: launch.views, likes: launch.likes, partial: false });
      // Published inside the range: all it has is the range's (issue 9, defect 2: 131 → 73).
      expect(byPost.get(post.id)?.views).toBe(current.get(post.id)?.views);
    }
    // The writer's total is the sum of the table's rows, the chart's days (no gap in these 30
    // days), and what the history says was read: every post's counter now less the day before.
    const total = writerRangeGains(index, range);
    const rows = [...byPost.values()].reduce((sum, row) => sum + (row.views ?? 0), 0);
    const before = demoCounters(addKstDays(range.from, -1), kstDayRange(range.from).start);
    let read = 0;
    for (const [postId, counters] of current)
      read += counters.views - (before.get(postId)?.views ?? 0);
    expect(total.views).toBe(rows);
    expect(sumViews(writerDailyGains(index, range))).toBe(rows);
    expect(rows).toBe(read);
  });

  it('on a restart the same day, records today again and writes no month', async () => {
    const before = await demoMonths(today);
    writes.clear();
    const report = await ensureDemoData({ connection, now });
    expect(report.daysWritten).toBe(1);
    expect(Object.fromEntries(writes)).toEqual({ users: 2 });
    expect(await demoMonths(today)).toEqual(before);
  });

  it('days later, appends the missing days and leaves the stored history as it was', async () => {
    const index = await demoIndex(today);
    const earlier = addKstDays(today, -10);
    const november = (await demoMonths(today)).at(-1);
    const todaySoFar = writerDailyGains(index, { from: today, to: today })[0];
    writes.clear();
    const report = await ensureDemoData({ connection, now: later });
    expect(report.daysWritten).toBe(4);
    // Today completed and three new days, all in November: one update of its month.
    expect(Object.fromEntries(writes)).toEqual({ users: 2, stats_months: 1, writer_posts: 1 });
    const lastDay = toKstDate(later);
    const months = await demoMonths(lastDay);
    const after = months.at(-1);
    expect(after?.days[earlier]).toEqual(november?.days[earlier]);
    expect(after?.last).toBe(addKstDays(today, 3));
    expect(
      observedDays(months)
        .slice(-4)
        .map(([day]) => day),
    ).toEqual([0, 1, 2, 3].map((offset) => addKstDays(today, offset)));
    // Yesterday's partial "today" was completed to the day's end, not left partial.
    const completed = writerDailyGains(indexMonths(months), { from: today, to: today })[0];
    expect(completed?.views).toBeGreaterThan(todaySoFar?.views ?? 0);
    expect(after?.days[today]?.end?.getTime()).toBe(kstDayRange(today).end.getTime() - 600_000);
    // The post released this morning launched today: its counters so far are today's gain.
    const launched = postReleasedOn(lastDay);
    const sofar = demoCounters(lastDay, later).get(launched.id);
    const [day0] = postDailyGains(indexMonths(months), launched.id, {
      from: lastDay,
      to: lastDay,
    });
    expect(day0).toMatchObject({ views: sofar?.views, likes: sofar?.likes, partial: false });
  });

  it('shows a post only from its release instant, so a refresh early on its day keeps its launch', async () => {
    const after = toKstDate(later);
    const post = demoPosts(addKstDays(after, 60)).find((candidate) => candidate.releasedOn > after);
    if (!post) throw new Error('expected a later demo post');
    const day = post.releasedOn;
    // The scheduler refreshes every 30 minutes: once at 08:00 KST, before the 09:30 release…
    const morning = await ensureDemoData({ connection, now: new Date(`${day}T08:00:00+09:00`) });
    const listed = await readPostDetails(storeModels(connection), DEMO_USER_ID);
    expect(listed.has(post.id)).toBe(false);
    expect(morning.posts).toBe(demoPosts(day).length - 1);
    // …and again at 14:00, when the post is out and read.
    const afternoon = new Date(`${day}T14:00:00+09:00`);
    await ensureDemoData({ connection, now: afternoon });
    const counters = demoCounters(day, afternoon).get(post.id);
    expect(counters?.views).toBeGreaterThan(0);
    const [day0] = postDailyGains(await demoIndex(day), post.id, { from: day, to: day });
    expect(day0).toMatchObject({ views: counters?.views, likes: counters?.likes, partial: false });
  });
});
