import { type KstDate, postDayId, toKstDate, userDayId } from '@velog-insights/shared';
import type { PostDayDoc, PostDoc, UserDayDoc } from '../models.js';
import { type LegacyBucket, legacyCumulativeDays } from './legacy-days.js';

/**
 * A post's own fields as velog's listing shows them, in our field names; `null` where velog
 * left a field out. The worker's listed posts carry these (and their id, likes and views).
 */
export interface ObservedPost {
  title: string;
  urlSlug: string;
  tags: string[];
  releasedAt: Date | null;
  updatedAt: Date | null;
  isPrivate: boolean;
  commentsCount: number | null;
}

/** What one run learned about one post. `null` means "not learned this time": keep what is stored. */
export interface PostObservation {
  postId: string;
  /** The post's fields as the listing showed them; `null` when it was missing from the listing. */
  post?: ObservedPost | null;
  /** Cumulative views (getStats' `total`, or a trusted listing); `null` when they could not be fetched. */
  views: number | null;
  likes: number | null;
  /** getStats answered NOT_FOUND. */
  gone?: boolean;
  /** velog's legacy daily read buckets, imported only with a post's first fetched views. */
  legacyBuckets?: readonly LegacyBucket[];
}

/** What is stored for the user, read before planning. */
export interface StoredSnapshotState {
  /** Every post of the user, removed ones included. */
  posts: readonly PostDoc[];
  /** The user's post snapshots for the KST day being written. */
  postDays: readonly PostDayDoc[];
  /** The user's total for that day. */
  userDay: UserDayDoc | null;
}

/** An idempotent write keyed on a natural `_id`; repeating it changes nothing. */
export interface UpsertById<T> {
  updateOne: { filter: { _id: string }; update: { $set: Partial<T> }; upsert: true };
}

export interface SnapshotPlan {
  day: KstDate;
  posts: UpsertById<PostDoc>[];
  postDays: UpsertById<PostDayDoc>[];
  userDays: UpsertById<UserDayDoc>[];
  removedPostIds: string[];
}

function upsert<T>(id: string, fields: Partial<T>): UpsertById<T> {
  return { updateOne: { filter: { _id: id }, update: { $set: fields }, upsert: true } };
}

function sameDate(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag === b[index]);
}

/** The fields of a stored post that this observation changes; empty when nothing did. */
function postChanges(
  stored: PostDoc,
  observation: PostObservation,
  takenAt: Date,
  removalConfirmed: boolean,
): Partial<PostDoc> {
  const changes: Partial<PostDoc> = {};
  const post = observation.post;
  if (post) {
    if (post.title !== stored.title) changes.title = post.title;
    if (post.urlSlug !== stored.urlSlug) changes.urlSlug = post.urlSlug;
    if (!sameTags(post.tags, stored.tags)) changes.tags = [...post.tags];
    if (!sameDate(post.releasedAt, stored.releasedAt)) changes.releasedAt = post.releasedAt;
    if (!sameDate(post.updatedAt, stored.velogUpdatedAt)) changes.velogUpdatedAt = post.updatedAt;
    if (post.isPrivate !== stored.isPrivate) changes.isPrivate = post.isPrivate;
    if (post.commentsCount !== null && post.commentsCount !== stored.commentsCount) {
      changes.commentsCount = post.commentsCount;
    }
  }
  if (observation.likes !== null && observation.likes !== stored.likes) {
    changes.likes = observation.likes;
  }
  if (observation.views !== null && observation.views !== stored.views) {
    changes.views = observation.views;
  }
  const seen = Boolean(post) || observation.views !== null;
  if (seen && stored.removedAt !== null) changes.removedAt = null;
  if (!seen && observation.gone && removalConfirmed && stored.removedAt === null) {
    changes.removedAt = takenAt;
  }
  return changes;
}

function newPost(userId: string, observation: PostObservation, takenAt: Date): PostDoc {
  const post = observation.post;
  return {
    _id: observation.postId,
    userId,
    title: post?.title ?? '',
    urlSlug: post?.urlSlug ?? '',
    tags: post ? [...post.tags] : [],
    releasedAt: post?.releasedAt ?? null,
    velogUpdatedAt: post?.updatedAt ?? null,
    isPrivate: post?.isPrivate ?? false,
    views: observation.views,
    likes: observation.likes ?? 0,
    commentsCount: post?.commentsCount ?? 0,
    firstSeenAt: takenAt,
    lastSeenAt: takenAt,
    removedAt: null,
  };
}

/**
 * The writes one snapshot needs, computed against what is stored so that a run that learned
 * nothing new plans no data write at all:
 * - a post is written when a field changed, or (to keep `lastSeenAt` to the day) on the first
 *   sighting of a new KST day; views that could not be fetched keep the stored value;
 * - a post's day snapshot is written when that day's views or likes differ from the stored
 *   snapshot, and only from fetched views — a failed fetch never becomes a zero;
 * - a post is marked removed only when the caller confirmed it (`removalConfirmed`: a complete
 *   listing, signed in as the owner) and getStats said NOT_FOUND;
 * - the user's day total sums every post's latest known counters (a removed post keeps its
 *   last counters, so deleting a post is not a negative day); it is left unwritten while some live post
 *   has never had its views fetched, since a partial sum would later look like a gain.
 */
export function planSnapshot(input: {
  userId: string;
  takenAt: Date;
  stored: StoredSnapshotState;
  observations: readonly PostObservation[];
  removalConfirmed: boolean;
}): SnapshotPlan {
  const { userId, takenAt, stored, observations, removalConfirmed } = input;
  const day = toKstDate(takenAt);
  const storedPosts = new Map(stored.posts.map((post) => [post._id, post]));
  const storedDays = new Map(stored.postDays.map((postDay) => [postDay._id, postDay]));
  const finalPosts = new Map(storedPosts);
  const plan: SnapshotPlan = { day, posts: [], postDays: [], userDays: [], removedPostIds: [] };

  for (const observation of observations) {
    const existing = storedPosts.get(observation.postId);
    let current: PostDoc;
    if (existing) {
      const changes = postChanges(existing, observation, takenAt, removalConfirmed);
      const seen = Boolean(observation.post) || observation.views !== null;
      const dayRolled = seen && toKstDate(existing.lastSeenAt) !== day;
      if (Object.keys(changes).length > 0 || dayRolled) {
        if (seen) changes.lastSeenAt = takenAt;
        plan.posts.push(upsert<PostDoc>(existing._id, changes));
      }
      if (changes.removedAt) plan.removedPostIds.push(existing._id);
      current = { ...existing, ...changes };
    } else {
      if (observation.gone) continue;
      current = newPost(userId, observation, takenAt);
      const { _id, ...fields } = current;
      plan.posts.push(upsert<PostDoc>(_id, fields));
    }
    finalPosts.set(current._id, current);

    // Legacy buckets only fill the days before our own first reading of the post's views.
    const firstViews = !existing || existing.views === null;
    if (firstViews && observation.views !== null && observation.legacyBuckets?.length) {
      for (const legacy of legacyCumulativeDays(
        observation.views,
        day,
        observation.legacyBuckets,
      )) {
        plan.postDays.push(
          upsert<PostDayDoc>(postDayId(current._id, legacy.day), {
            postId: current._id,
            userId,
            day: legacy.day,
            views: legacy.views,
            likes: null,
            takenAt,
            source: 'velog-legacy',
          }),
        );
      }
    }

    if (observation.views === null || observation.gone) continue;
    const id = postDayId(current._id, day);
    const likes = observation.likes ?? existing?.likes ?? null;
    const today = storedDays.get(id);
    if (today && today.views === observation.views && today.likes === likes) continue;
    plan.postDays.push(
      upsert<PostDayDoc>(id, {
        postId: current._id,
        userId,
        day,
        views: observation.views,
        likes,
        takenAt,
        source: 'snapshot',
      }),
    );
  }

  const live = [...finalPosts.values()].filter((post) => post.removedAt === null);
  if (live.every((post) => post.views !== null)) {
    let views = 0;
    let likes = 0;
    for (const post of finalPosts.values()) {
      views += post.views ?? 0;
      likes += post.likes;
    }
    const total = { views, likes, posts: live.length };
    const before = stored.userDay;
    if (
      !before ||
      before.views !== total.views ||
      before.likes !== total.likes ||
      before.posts !== total.posts
    ) {
      plan.userDays.push(
        upsert<UserDayDoc>(userDayId(userId, day), { userId, day, ...total, takenAt }),
      );
    }
  }
  return plan;
}
