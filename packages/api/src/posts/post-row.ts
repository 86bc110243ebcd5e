import type { PostRow } from '@velog-insights/shared';
import type { PostSummaryDoc } from '@velog-insights/store';

export function velogPostUrl(username: string, urlSlug: string): string {
  return `https://velog.io/@${encodeURIComponent(username)}/${encodeURIComponent(urlSlug)}`;
}

/** Fields a partial upsert may have left out read as their defaults. */
export function toPostRow(
  post: PostSummaryDoc,
  username: string,
  period: { views: number | null; likes: number | null },
): PostRow {
  return {
    id: post._id,
    title: post.title ?? '',
    urlSlug: post.urlSlug ?? '',
    url: velogPostUrl(username, post.urlSlug ?? ''),
    tags: post.tags ?? [],
    releasedAt: post.releasedAt ?? null,
    isPrivate: post.isPrivate ?? false,
    removed: post.removedAt !== null && post.removedAt !== undefined,
    views: post.views ?? null,
    likes: post.likes ?? 0,
    commentsCount: post.commentsCount ?? 0,
    periodViews: period.views,
    periodLikes: period.likes,
  };
}
