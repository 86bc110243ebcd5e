import type { PostCounters, PostRow } from '@velog-insights/shared';
import type { StoredPostDetails } from '@velog-insights/store';

export function velogPostUrl(username: string, urlSlug: string): string {
  return `https://velog.io/@${encodeURIComponent(username)}/${encodeURIComponent(urlSlug)}`;
}

/**
 * A post as the table shows it: its current counters, its listing details and its gains over
 * the range. A post the months know but no listing has described yet (its details are written
 * after its counters) reads with an empty title rather than being left out, so the table's
 * sum stays the writer's.
 */
export function toPostRow(input: {
  post: PostCounters;
  details: StoredPostDetails | null | undefined;
  username: string;
  period: { views: number | null; likes: number | null };
}): PostRow {
  const { post, details, username, period } = input;
  const urlSlug = details?.urlSlug ?? '';
  return {
    id: post.id,
    title: details?.title ?? '',
    urlSlug,
    url: velogPostUrl(username, urlSlug),
    tags: [...(details?.tags ?? [])],
    releasedAt: details?.releasedAt ?? null,
    isPrivate: details?.isPrivate ?? false,
    removed: post.rm !== undefined,
    views: post.v,
    likes: post.l,
    commentsCount: details?.commentsCount ?? 0,
    periodViews: period.views,
    periodLikes: period.likes,
  };
}
