import {
  addKstDays,
  KST_ZONE,
  type KstDate,
  kstDatesBetween,
  kstDayRange,
  toKstDate,
} from '@velog-insights/shared';
import {
  loadSnapshotState,
  type PostDayDoc,
  type PostDoc,
  type PostObservation,
  planSnapshot,
  type SnapshotPlan,
  type StoredSnapshotState,
  type StoreModels,
  storeModels,
  type UserDayDoc,
} from '@velog-insights/store';
import { DateTime } from 'luxon';
import type { Connection, Model } from 'mongoose';
import { type DemoPost, demoPosts } from './catalogue.js';
import { DEMO_OUTAGE_DAYS, type DemoCounters, demoPostHistory, partialDay } from './history.js';

export const DEMO_USER_ID = 'demo';

/** Days replayed between two flushes: bounds memory and the size of one bulkWrite. */
const FLUSH_EVERY_DAYS = 60;

export interface DemoReport {
  /** The days this call snapshotted (0 when the history was already current). */
  daysWritten: number;
  posts: number;
  firstDay: KstDate;
  lastDay: KstDate;
}

/**
 * Creates the demo writer, or brings its history up to `now`. The history is replayed day by
 * day through the store's snapshot planner — the code a real scrape runs — as if a worker
 * had taken a day-close snapshot every evening, and today's snapshot at `now`. Days already
 * stored are not replanned, so a restart only appends; every write is an upsert on a natural
 * key, so a start that dies half-way is finished by the next one. `scrape.lastFinishedAt` is set
 * last, once the history is written: the API reads it as "the demo is ready".
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

  // The newest stored day may be a partial "today" from an earlier start: replan from it.
  const newest = await models.UserDay.find({ userId: DEMO_USER_ID })
    .sort({ day: -1 })
    .limit(1)
    .lean();
  const resumeFrom = (newest[0]?.day as KstDate | undefined) ?? firstDay;
  const days = kstDatesBetween(resumeFrom, today).filter((day) => !DEMO_OUTAGE_DAYS.has(day));

  let state = await loadSnapshotState(models, DEMO_USER_ID, resumeFrom);
  let pending = emptyBatch();
  let daysInBatch = 0;
  for (const day of days) {
    const takenAt = day === today ? options.now : dayCloseInstant(day);
    const observations = observe(
      posts,
      histories,
      day,
      day === today ? dayFraction(options.now) : null,
    );
    const stored: StoredSnapshotState =
      day === resumeFrom ? state : { posts: state.posts, postDays: [], userDay: null };
    const plan = planSnapshot({
      userId: DEMO_USER_ID,
      takenAt,
      stored,
      observations,
      removalConfirmed: true,
    });
    addToBatch(pending, plan);
    state = { posts: applyPostChanges(state.posts, plan), postDays: [], userDay: null };
    daysInBatch += 1;
    // The resumed day may already hold documents; every later day is new.
    if (day === resumeFrom || daysInBatch >= FLUSH_EVERY_DAYS) {
      await flush(models, pending, day === resumeFrom ? 'upsert' : 'insert');
      pending = emptyBatch();
      daysInBatch = 0;
    }
  }
  await flush(models, pending, 'insert');
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
  return { daysWritten: days.length, posts: posts.length, firstDay, lastDay: today };
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

/** What a day-close scrape would have read: every released post's counters at the end of `day`. */
function observe(
  posts: readonly DemoPost[],
  histories: ReadonlyMap<string, ReadonlyMap<KstDate, DemoCounters>>,
  day: KstDate,
  /** For today: the share of the day gone by, whose growth has happened so far. */
  todayFraction: number | null,
): PostObservation[] {
  const observations: PostObservation[] = [];
  for (const post of posts) {
    const history = histories.get(post.id);
    const endOfDay = history?.get(day);
    if (!history || !endOfDay) continue;
    const counters =
      todayFraction === null
        ? endOfDay
        : partialDay(
            history.get(addKstDays(day, -1)) ?? { views: 0, likes: 0 },
            endOfDay,
            todayFraction,
          );
    const releasedAt = DateTime.fromISO(`${post.releasedOn}T09:30:00`, {
      zone: KST_ZONE,
    }).toJSDate();
    observations.push({
      postId: post.id,
      post: {
        title: post.title,
        urlSlug: post.urlSlug,
        tags: post.tags,
        releasedAt,
        updatedAt: releasedAt,
        isPrivate: post.isPrivate,
        commentsCount: Math.floor(counters.likes / 4),
      },
      views: counters.views,
      likes: counters.likes,
    });
  }
  return observations;
}

/** The day-close run's time: ten minutes before KST midnight. */
function dayCloseInstant(day: KstDate): Date {
  return new Date(kstDayRange(day).end.getTime() - 10 * 60_000);
}

function dayFraction(now: Date): number {
  const { start } = kstDayRange(toKstDate(now));
  return (now.getTime() - start.getTime()) / 86_400_000;
}

interface Batch {
  posts: Map<string, Partial<PostDoc>>;
  postDays: Map<string, Partial<PostDayDoc>>;
  userDays: Map<string, Partial<UserDayDoc>>;
}

function emptyBatch(): Batch {
  return { posts: new Map(), postDays: new Map(), userDays: new Map() };
}

/**
 * The plans' upserts are `$set`s keyed by `_id`, so several days' sets on one document merge
 * into one (later fields win) — one write per post per flush instead of one per post per day.
 */
function addToBatch(batch: Batch, plan: SnapshotPlan): void {
  const merge = <T>(
    into: Map<string, Partial<T>>,
    ops: SnapshotPlan['posts'] | SnapshotPlan['postDays'] | SnapshotPlan['userDays'],
  ) => {
    for (const op of ops) {
      const { filter, update } = op.updateOne;
      into.set(filter._id, { ...into.get(filter._id), ...(update.$set as Partial<T>) });
    }
  };
  merge<PostDoc>(batch.posts, plan.posts);
  merge<PostDayDoc>(batch.postDays, plan.postDays);
  merge<UserDayDoc>(batch.userDays, plan.userDays);
}

/**
 * Writes in the order the worker does: snapshots, then day totals, then the posts' state.
 * Days newer than anything stored are inserted, which FerretDB does an order of magnitude
 * faster than upserts; should one of them exist after all (a start that died between two
 * writes), the whole batch is written again as the plan's upserts, never half-trusted.
 */
async function flush(models: StoreModels, batch: Batch, mode: 'insert' | 'upsert'): Promise<void> {
  await writeSets(models.PostDay, batch.postDays, mode);
  await writeSets(models.UserDay, batch.userDays, mode);
  await writeSets(models.Post, batch.posts, 'upsert');
}

async function writeSets<T>(
  model: Model<T>,
  sets: Map<string, Partial<T>>,
  mode: 'insert' | 'upsert',
): Promise<void> {
  if (sets.size === 0) return;
  if (mode === 'insert') {
    const documents = [...sets].map(([_id, fields]) => ({ ...fields, _id }));
    try {
      await model.collection.insertMany(documents as never[], { ordered: false });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  const ops = [...sets].map(([_id, $set]) => ({
    updateOne: { filter: { _id }, update: { $set }, upsert: true },
  }));
  await model.bulkWrite(ops as never[], { ordered: false });
}

function isDuplicateKeyError(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: number; writeErrors?: { code?: number }[] };
  if (code === 11000) return true;
  return (
    Array.isArray(writeErrors) &&
    writeErrors.length > 0 &&
    writeErrors.every((item) => item.code === 11000)
  );
}

function applyPostChanges(posts: readonly PostDoc[], plan: SnapshotPlan): PostDoc[] {
  const byId = new Map(posts.map((post) => [post._id, post]));
  for (const op of plan.posts) {
    const { filter, update } = op.updateOne;
    byId.set(filter._id, { ...(byId.get(filter._id) as PostDoc), _id: filter._id, ...update.$set });
  }
  return [...byId.values()];
}
