import { describe, expect, it } from 'vitest';
import type { PostDayDoc, PostDoc, UserDayDoc } from '../models.js';
import {
  type ObservedPost,
  type PostObservation,
  planSnapshot,
  type SnapshotPlan,
} from './plan-snapshot.js';

const noon = new Date('2026-11-22T03:00:00Z'); // 12:00 KST
const later = new Date('2026-11-22T05:00:00Z');
const tomorrow = new Date('2026-11-23T03:00:00Z');

function listed(id: string, extra: Partial<ObservedPost> = {}): ObservedPost {
  return {
    title: `title ${id}`,
    urlSlug: `slug-${id}`,
    tags: ['a'],
    releasedAt: new Date('2026-10-01T00:00:00Z'),
    updatedAt: new Date('2026-10-02T00:00:00Z'),
    isPrivate: false,
    commentsCount: 1,
    ...extra,
  };
}

const seen = (id: string, views: number | null, likes: number | null = 2): PostObservation => ({
  postId: id,
  post: listed(id),
  views,
  likes,
});

/** What the database holds after a plan, so the next plan can be computed against it. */
class Store {
  posts = new Map<string, PostDoc>();
  postDays = new Map<string, PostDayDoc>();
  userDays = new Map<string, UserDayDoc>();

  state(day: string) {
    return {
      posts: [...this.posts.values()],
      postDays: [...this.postDays.values()].filter((doc) => doc.day === day),
      userDay: this.userDays.get(`u:${day}`) ?? null,
    };
  }

  apply(plan: SnapshotPlan) {
    const merge = <T extends { _id: string }>(
      target: Map<string, T>,
      ops: SnapshotPlan['posts'],
    ) => {
      for (const { updateOne } of ops) {
        const id = updateOne.filter._id;
        target.set(id, {
          ...(target.get(id) ?? { _id: id }),
          ...updateOne.update.$set,
        } as unknown as T);
      }
    };
    merge(this.posts, plan.posts);
    merge(this.postDays, plan.postDays as never);
    merge(this.userDays, plan.userDays as never);
  }

  plan(takenAt: Date, observations: PostObservation[], removalConfirmed = true) {
    const day = takenAt.toISOString() < '2026-11-22T15:00:00Z' ? '2026-11-22' : '2026-11-23';
    const plan = planSnapshot({
      userId: 'u',
      takenAt,
      stored: this.state(day),
      observations,
      removalConfirmed,
    });
    this.apply(plan);
    return plan;
  }
}

const sizes = (plan: SnapshotPlan) => [
  plan.posts.length,
  plan.postDays.length,
  plan.userDays.length,
];

describe('planning a snapshot', () => {
  it('creates new posts, their day snapshots and the day total', () => {
    const store = new Store();
    const plan = store.plan(noon, [seen('p1', 10), seen('p2', 20, 5)]);
    expect(sizes(plan)).toEqual([2, 2, 1]);
    expect(store.posts.get('p1')).toMatchObject({
      userId: 'u',
      title: 'title p1',
      views: 10,
      likes: 2,
      firstSeenAt: noon,
      lastSeenAt: noon,
      removedAt: null,
    });
    expect(store.postDays.get('p2:2026-11-22')).toEqual({
      _id: 'p2:2026-11-22',
      postId: 'p2',
      userId: 'u',
      day: '2026-11-22',
      views: 20,
      likes: 5,
      takenAt: noon,
      source: 'snapshot',
    });
    expect(store.userDays.get('u:2026-11-22')).toMatchObject({
      views: 30,
      likes: 7,
      posts: 2,
      day: '2026-11-22',
    });
  });

  it('plans nothing when the same values are seen again the same day', () => {
    const store = new Store();
    store.plan(noon, [seen('p1', 10), seen('p2', 20)]);
    expect(sizes(store.plan(later, [seen('p1', 10), seen('p2', 20)]))).toEqual([0, 0, 0]);
  });

  it('writes only what changed: one post’s views, a title, likes', () => {
    const store = new Store();
    store.plan(noon, [seen('p1', 10), seen('p2', 20), seen('p3', 30)]);
    const plan = store.plan(later, [
      seen('p1', 15),
      { ...seen('p2', 20), post: listed('p2', { title: 'renamed' }) },
      seen('p3', 30, 9),
    ]);
    expect(
      plan.posts.map((op) => [
        op.updateOne.filter._id,
        Object.keys(op.updateOne.update.$set).sort(),
      ]),
    ).toEqual([
      ['p1', ['lastSeenAt', 'views']],
      ['p2', ['lastSeenAt', 'title']],
      ['p3', ['lastSeenAt', 'likes']],
    ]);
    expect(plan.postDays.map((op) => op.updateOne.filter._id)).toEqual([
      'p1:2026-11-22',
      'p3:2026-11-22',
    ]);
    expect(store.userDays.get('u:2026-11-22')).toMatchObject({
      views: 65,
      likes: 13,
      takenAt: later,
    });
  });

  it('keeps stored views when stats could not be fetched, and never writes a zero', () => {
    const store = new Store();
    store.plan(noon, [seen('p1', 10), seen('p2', 20)]);
    const plan = store.plan(tomorrow, [seen('p1', null), seen('p2', 25)]);
    expect(store.posts.get('p1')?.views).toBe(10);
    expect(plan.postDays.map((op) => op.updateOne.filter._id)).toEqual(['p2:2026-11-23']);
    expect(store.userDays.get('u:2026-11-23')).toMatchObject({ views: 35 });
  });

  it('leaves the day total unwritten while a live post has never had views', () => {
    const store = new Store();
    const plan = store.plan(noon, [seen('p1', 10), seen('p2', null)]);
    expect(sizes(plan)).toEqual([2, 1, 0]);
    expect(store.posts.get('p2')?.views).toBeNull();
  });

  it('records a counter that went down as the day’s value, never as a negative number', () => {
    const store = new Store();
    store.plan(noon, [seen('p1', 10)]);
    store.plan(later, [seen('p1', 8)]);
    expect(store.postDays.get('p1:2026-11-22')?.views).toBe(8);
    expect(store.userDays.get('u:2026-11-22')?.views).toBe(8);
  });

  it('starts new day documents and refreshes lastSeenAt once on a new KST day', () => {
    const store = new Store();
    store.plan(noon, [seen('p1', 10)]);
    const plan = store.plan(tomorrow, [seen('p1', 10)]);
    expect(sizes(plan)).toEqual([1, 1, 1]);
    expect(plan.posts[0]?.updateOne.update.$set).toEqual({ lastSeenAt: tomorrow });
    expect(store.postDays.get('p1:2026-11-23')).toMatchObject({ views: 10, likes: 2 });
  });

  it('marks a post removed only when the listing was complete and velog said NOT_FOUND', () => {
    const store = new Store();
    store.plan(noon, [seen('p1', 10), seen('p2', 20)]);
    const gone: PostObservation = {
      postId: 'p2',
      post: null,
      views: null,
      likes: null,
      gone: true,
    };
    expect(store.plan(later, [seen('p1', 10), gone], false).posts).toEqual([]);
    expect(store.posts.get('p2')?.removedAt).toBeNull();
    const plan = store.plan(later, [seen('p1', 10), gone], true);
    expect(plan.removedPostIds).toEqual(['p2']);
    expect(store.posts.get('p2')?.removedAt).toEqual(later);
    // A removed post keeps its last counters in the total, so deleting one is not a negative day.
    expect(store.userDays.get('u:2026-11-22')).toMatchObject({ views: 30, posts: 1 });
  });

  it('keeps and snapshots a post the listing skipped but getStats still finds', () => {
    const store = new Store();
    store.plan(noon, [seen('p1', 10), seen('p2', 20)]);
    const skipped: PostObservation = { postId: 'p2', post: null, views: 23, likes: null };
    const plan = store.plan(later, [seen('p1', 10), skipped]);
    expect(plan.removedPostIds).toEqual([]);
    expect(store.postDays.get('p2:2026-11-22')).toMatchObject({ views: 23, likes: 2 });
    expect(store.posts.get('p2')).toMatchObject({ views: 23, removedAt: null });
  });

  it('imports legacy buckets for a post seen for the first time, as cumulative days without likes', () => {
    const store = new Store();
    const plan = store.plan(noon, [
      {
        ...seen('p1', 50),
        legacyBuckets: [
          { day: new Date('2026-11-22T00:00:00Z'), count: 2 },
          { day: new Date('2026-11-20T00:00:00Z'), count: 3 },
        ],
      },
    ]);
    expect(plan.postDays).toHaveLength(2);
    expect(store.postDays.get('p1:2026-11-20')).toMatchObject({
      views: 48,
      likes: null,
      source: 'velog-legacy',
    });
    expect(store.postDays.get('p1:2026-11-22')).toMatchObject({ views: 50, source: 'snapshot' });
  });

  it('imports legacy buckets with the first views of a post whose stats failed when first seen', () => {
    const store = new Store();
    store.plan(noon, [seen('p1', null)]);
    const buckets = [{ day: new Date('2026-11-21T00:00:00Z'), count: 4 }];
    const plan = store.plan(later, [{ ...seen('p1', 30), legacyBuckets: buckets }]);
    expect(plan.postDays.map((op) => op.updateOne.filter._id)).toEqual([
      'p1:2026-11-21',
      'p1:2026-11-22',
    ]);
    expect(store.postDays.get('p1:2026-11-21')).toMatchObject({
      views: 30,
      source: 'velog-legacy',
    });
    // Once views are stored, buckets are history we already cover.
    const again = store.plan(later, [{ ...seen('p1', 31), legacyBuckets: buckets }]);
    expect(again.postDays.map((op) => op.updateOne.filter._id)).toEqual(['p1:2026-11-22']);
  });
});
