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
  toKstDate,
} from '@velog-insights/shared';
import {
  type PostDetails,
  readLatestStatsMonth,
  type StoreModels,
  serialWrites,
  storeModels,
  writePostDetails,
  writeStatsMonth,
} from '@velog-insights/store';
import { DateTime } from 'luxon';
import type { Connection } from 'mongoose';
import { type DemoPost, demoPosts } from './catalogue.js';
import { DEMO_OUTAGE_DAYS, type DemoCounters, demoPostHistory, partialDay } from './history.js';

export const DEMO_USER_ID = 'demo';

export interface DemoReport {
  /** The days this call snapshotted (0 when the history was already current). */
  daysWritten: number;
  posts: number;
  firstDay: KstDate;
  lastDay: KstDate;
}

/**
 * Creates the demo writer, or brings its history up to `now`. The history is replayed day by
 * day through the gain rule a real scrape runs — as if a worker had taken a day-close snapshot
 * every evening, and today's snapshot at `now` — in memory, from the writer's latest stored
 * day; then each month it touched is written once (a new month inserted, a stored one updated
 * with its changed paths). A restart therefore appends only the days since, and a start that
 * dies half-way leaves whole months, which the next start extends. `scrape.lastFinishedAt` is
 * set last, once the history is written: the API reads it as "the demo is ready".
 */
export async function ensureDemoData(options: {
  connection: Connection;
  now: Date;
}): Promise<DemoReport> {
  const models = storeModels(options.connection);
  const today = toKstDate(options.now);
  const posts = demoPosts(today);
  const histories = new Map(posts.map((post) => [post.id, demoPostHistory(post, today)]));
  const firstDay = posts[0]?.releasedOn ?? today;

  await upsertDemoUser(models, options.now, firstDay);

  const latest = await readLatestStatsMonth(
    models,
    DEMO_USER_ID,
    kstMonthOf(today),
    kstMonthOf(firstDay),
  );
  // The newest stored day may be a partial "today" from an earlier start: record it again.
  const resumeFrom = latest?.last ?? firstDay;
  const days = kstDatesBetween(resumeFrom, today).filter((day) => !DEMO_OUTAGE_DAYS.has(day));

  const stored = new Map<string, StatsMonth>(latest ? [[latest.month, latest]] : []);
  const touched = new Map<string, StatsMonth>();
  let month: StatsMonth | null = latest;
  for (const day of days) {
    const monthOfDay = kstMonthOf(day);
    if (month === null || month.month !== monthOfDay) {
      month = openStatsMonth(DEMO_USER_ID, monthOfDay, month);
    }
    const takenAt = day === today ? options.now : dayCloseInstant(day);
    const readings = observe(
      posts,
      histories,
      { day, takenAt },
      day === today ? dayFraction(options.now) : null,
    );
    const result = recordObservation(month, { takenAt, readings });
    if (result.kind !== 'recorded' || !result.changed) continue;
    month = result.month;
    touched.set(month.month, month);
  }
  // In the queue a scrape's writes take, so the demo never writes beside one (write-gate.ts).
  await serialWrites(models, async () => {
    for (const next of touched.values()) {
      await writeStatsMonth(models, stored.get(next.month) ?? null, next);
    }
  });
  // Like the counters, a post's listing appears from its release instant on.
  const released = posts.filter((post) => releaseInstant(post) <= options.now);
  await writePostDetails(
    models,
    DEMO_USER_ID,
    released.map((post) => details(post, histories.get(post.id)?.get(today)?.likes ?? 0)),
  );
  await models.User.updateOne(
    { _id: DEMO_USER_ID },
    {
      $set: {
        'scrape.lastFinishedAt': options.now,
        'scrape.lastOutcome': 'ok',
        updatedAt: options.now,
      },
    },
  );
  return { daysWritten: days.length, posts: released.length, firstDay, lastDay: today };
}

async function upsertDemoUser(models: StoreModels, now: Date, firstDay: KstDate): Promise<void> {
  await models.User.updateOne(
    { _id: DEMO_USER_ID },
    {
      $set: {
        isDemo: true,
        tokens: null,
        authStatus: 'active',
        'scrape.firstSnapshotDay': firstDay,
      },
      $setOnInsert: {
        username: 'velog-insights-demo',
        displayName: 'Velog Insights 데모',
        thumbnail: null,
        'scrape.lastStartedAt': null,
        'scrape.nextDueAt': null,
        'scrape.requestedAt': null,
        createdAt: now,
        updatedAt: now,
      },
    },
    { upsert: true },
  );
}

/**
 * What a scrape at `takenAt` would have read: every post released by then, with its counters
 * at the end of `day` (or, today, so far). A post due out later today is not listed yet: seen
 * before its release it would be a baseline, and its launch day would lose its gain.
 */
function observe(
  posts: readonly DemoPost[],
  histories: ReadonlyMap<string, ReadonlyMap<KstDate, DemoCounters>>,
  at: { day: KstDate; takenAt: Date },
  /** For today: the share of the day gone by, whose growth has happened so far. */
  todayFraction: number | null,
): CounterReading[] {
  const { day, takenAt } = at;
  const readings: CounterReading[] = [];
  for (const post of posts) {
    const history = histories.get(post.id);
    const endOfDay = history?.get(day);
    if (!history || !endOfDay || releaseInstant(post) > takenAt) continue;
    const counters =
      todayFraction === null
        ? endOfDay
        : partialDay(
            history.get(addKstDays(day, -1)) ?? { views: 0, likes: 0 },
            endOfDay,
            todayFraction,
          );
    readings.push({
      postId: post.id,
      views: counters.views,
      likes: counters.likes,
      releasedAt: releaseInstant(post),
    });
  }
  return readings;
}

function releaseInstant(post: DemoPost): Date {
  return DateTime.fromISO(`${post.releasedOn}T09:30:00`, { zone: KST_ZONE }).toJSDate();
}

function details(post: DemoPost, likes: number): PostDetails {
  const releasedAt = releaseInstant(post);
  return {
    postId: post.id,
    title: post.title,
    urlSlug: post.urlSlug,
    tags: post.tags,
    releasedAt,
    updatedAt: releasedAt,
    isPrivate: post.isPrivate,
    commentsCount: Math.floor(likes / 4),
  };
}

/** The day-close run's time: ten minutes before KST midnight. */
function dayCloseInstant(day: KstDate): Date {
  return new Date(kstDayRange(day).end.getTime() - 10 * 60_000);
}

function dayFraction(now: Date): number {
  const { start } = kstDayRange(toKstDate(now));
  return (now.getTime() - start.getTime()) / 86_400_000;
}
