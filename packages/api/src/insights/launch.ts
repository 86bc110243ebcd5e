import {
  AppError,
  type KstDate,
  type LaunchCurveRow,
  type LaunchResponse,
  launchCurve,
  launchMedian,
  MAX_LAUNCH_POST_ID,
  MAX_LAUNCH_POSTS,
  type MonthIndex,
} from '@velog-insights/shared';
import type { StoredPostDetails } from '@velog-insights/store';
import { releaseDays } from './release-days.js';

/** How many of the latest posts "my last 5" compares. */
export const LATEST_POSTS = 5;

/**
 * The post ids a `posts=` query names, in order, without repeats; `null` when it names none
 * (the latest posts are compared). Too many, or an id too long, is the client's 400.
 */
export function parsePostIds(query: string | undefined): string[] | null {
  const ids = [
    ...new Set(
      (query ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
  if (ids.length === 0) return null;
  const issue = (message: string) =>
    new AppError('invalid-request', `invalid query: posts: ${message}`, {
      status: 400,
      details: { issues: [{ path: 'posts', message }] },
    });
  if (ids.length > MAX_LAUNCH_POSTS) throw issue(`at most ${MAX_LAUNCH_POSTS} posts`);
  if (ids.some((id) => id.length > MAX_LAUNCH_POST_ID))
    throw issue(`a post id is at most ${MAX_LAUNCH_POST_ID} characters`);
  return ids;
}

/** The writer's latest published posts that still exist, newest first. */
export function latestPosts(
  index: MonthIndex,
  details: ReadonlyMap<string, StoredPostDetails>,
  count: number,
): string[] {
  const days = releaseDays(details);
  return [...index.posts.values()]
    .filter((post) => post.rm === undefined && days.has(post.id))
    .map((post) => ({ id: post.id, at: details.get(post.id)?.releasedAt?.getTime() ?? 0 }))
    .sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1))
    .slice(0, count)
    .map((post) => post.id);
}

/**
 * The launch curves of the chosen posts (or the latest five) and the median of every
 * published post's curve. An id that is not one of the writer's posts is a 404, as on the
 * per-post routes: another writer's post is as unknown as one that never existed.
 */
export function buildLaunch(input: {
  index: MonthIndex;
  details: ReadonlyMap<string, StoredPostDetails>;
  postIds: string[] | null;
  days: number;
  today: KstDate;
}): LaunchResponse {
  const { index, details, days, today } = input;
  for (const id of input.postIds ?? []) {
    if (!index.ids.has(id))
      throw new AppError('post-not-found', `no such post among yours: ${id}`, { status: 404 });
  }
  const chosen = input.postIds ?? latestPosts(index, details, LATEST_POSTS);
  const release = releaseDays(details);
  const curveOf = (postId: string) => {
    const releasedOn = release.get(postId);
    return releasedOn === undefined ? null : launchCurve(index, postId, releasedOn, days, today);
  };
  const posts: LaunchCurveRow[] = chosen.map((postId) => {
    const curve = curveOf(postId);
    return {
      postId,
      title: details.get(postId)?.title ?? '',
      releasedOn: release.get(postId) ?? null,
      trackedFromRelease: curve?.trackedFromRelease ?? false,
      points: curve?.points ?? [],
    };
  });
  const everyCurve = [...index.posts.values()].flatMap((post) => {
    const curve = curveOf(post.id);
    return curve === null ? [] : [curve];
  });
  return {
    today,
    days,
    selection: input.postIds === null ? 'latest' : 'chosen',
    posts,
    median: launchMedian(everyCurve, days),
  };
}
