import { StatsMonth, statsMonthId } from '@velog-insights/shared';
import type { Connection } from 'mongoose';
import { storeModels } from '../models.js';
import { encodeMonth } from '../months/month-codec.js';
import { writePostDetails } from '../months/writer-posts.js';
import { toFieldKey } from '../update-paths.js';
import { replayV1, type V1Post, type V1PostDay } from './replay-v1.js';

export const STATS_MONTHS_MIGRATION = '2026-12-stats-months';

/** The first layout's collections, dropped once every writer's months are checked. */
const V1_COLLECTIONS = ['posts', 'post_days', 'user_days'] as const;

export interface MigrationReport {
  id: string;
  ran: boolean;
  writers: number;
  months: number;
}

interface MigrationDoc {
  _id: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** Writers already converted: a run that stopped part-way resumes after them. */
  done: Record<string, true>;
}

/** A converted writer's counters disagree with the snapshots they came from. */
export class MigrationCheckFailed extends Error {
  readonly code = 'migration-check-failed';
}

/**
 * Converts a database the first layout wrote (one document per post per day) into writers'
 * months, once: each writer is replayed through the gain rule, written, and checked (every
 * post's counters must equal its snapshots' high-water views and latest likes) before the
 * next; only when all are done are the old collections dropped. Every step can be repeated,
 * so a run that dies part-way is finished by the next start, and a finished one is a no-op.
 */
export async function migrateToStatsMonths(
  connection: Connection,
  options: {
    now?: () => Date;
    /** Called after each writer is converted and recorded (tests stop a run here). */
    afterWriter?: (userId: string) => void;
  } = {},
): Promise<MigrationReport> {
  const now = options.now ?? (() => new Date());
  const models = storeModels(connection);
  const db = connection.db;
  if (!db) throw new Error('migrateToStatsMonths: the connection is not open');
  const migrations = db.collection<MigrationDoc>('migrations');
  const report: MigrationReport = { id: STATS_MONTHS_MIGRATION, ran: false, writers: 0, months: 0 };
  const record = await migrations.findOne({ _id: STATS_MONTHS_MIGRATION });
  if (record?.finishedAt) return report;

  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
  );
  if (!existing.has('post_days') && !existing.has('posts')) {
    await migrations.updateOne(
      { _id: STATS_MONTHS_MIGRATION },
      { $set: { startedAt: now(), finishedAt: now(), done: {} } },
      { upsert: true },
    );
    return report;
  }
  report.ran = true;
  if (record === null) {
    await migrations.updateOne(
      { _id: STATS_MONTHS_MIGRATION },
      { $set: { startedAt: now(), finishedAt: null, done: {} } },
      { upsert: true },
    );
  }
  const done = record?.done ?? {};
  const oldPosts = db.collection<
    V1Post & {
      title?: string;
      urlSlug?: string;
      tags?: string[];
      isPrivate?: boolean;
      commentsCount?: number;
      velogUpdatedAt?: Date | null;
    }
  >('posts');
  const oldDays = db.collection<V1PostDay & { userId: string }>('post_days');
  const userIds = [
    ...new Set(
      (await oldPosts.find({}, { projection: { userId: 1 } }).toArray()).map((p) => p.userId),
    ),
  ];

  for (const userId of userIds.sort()) {
    if (done[toFieldKey(userId)]) continue;
    const posts = await oldPosts.find({ userId }).toArray();
    const postDays = await oldDays.find({ userId }).toArray();
    const months = replayV1({ userId, posts, postDays });
    checkCounters(userId, months, postDays);
    for (const month of months) {
      await models.StatsMonth.collection.replaceOne(
        { _id: statsMonthId(userId, month.month) as never },
        encodeMonth(StatsMonth.parse(month)),
        { upsert: true },
      );
    }
    await writePostDetails(
      models,
      userId,
      posts.map((post) => ({
        postId: post._id,
        title: post.title ?? '',
        urlSlug: post.urlSlug ?? '',
        tags: post.tags ?? [],
        releasedAt: post.releasedAt ?? null,
        updatedAt: post.velogUpdatedAt ?? null,
        isPrivate: post.isPrivate ?? false,
        commentsCount: post.commentsCount ?? 0,
      })),
    );
    await migrations.updateOne(
      { _id: STATS_MONTHS_MIGRATION },
      { $set: { [`done.${toFieldKey(userId)}`]: true } },
    );
    report.writers += 1;
    report.months += months.length;
    options.afterWriter?.(userId);
  }

  for (const name of V1_COLLECTIONS) {
    if (existing.has(name)) await db.dropCollection(name).catch(ignoreMissing);
  }
  await migrations.updateOne({ _id: STATS_MONTHS_MIGRATION }, { $set: { finishedAt: now() } });
  return report;
}

function ignoreMissing(error: unknown): void {
  // Another process finished the same drop first.
  if ((error as { codeName?: unknown }).codeName !== 'NamespaceNotFound') throw error;
}

function checkCounters(
  userId: string,
  months: readonly StatsMonth[],
  postDays: readonly V1PostDay[],
): void {
  const expected = new Map<string, { views: number; likes: number | null; at: Date }>();
  for (const doc of postDays) {
    if (doc.source !== 'snapshot' || doc.views === null) continue;
    const seen = expected.get(doc.postId);
    const latest = !seen || doc.takenAt >= seen.at;
    expected.set(doc.postId, {
      views: Math.max(seen?.views ?? 0, doc.views),
      likes: latest ? (doc.likes ?? seen?.likes ?? null) : (seen?.likes ?? null),
      at: latest ? doc.takenAt : (seen?.at ?? doc.takenAt),
    });
  }
  const last = months.at(-1);
  const actual = new Map(Object.values(last?.posts ?? {}).map((post) => [post.id, post]));
  for (const [postId, want] of expected) {
    const got = actual.get(postId);
    if (!got || got.v !== want.views || (want.likes !== null && got.l !== want.likes)) {
      throw new MigrationCheckFailed(
        `writer ${userId}, post ${postId}: months say ${got?.v ?? 'nothing'} views / ${got?.l ?? '-'} likes, snapshots ${want.views} / ${want.likes}; the old collections are kept`,
      );
    }
  }
}
