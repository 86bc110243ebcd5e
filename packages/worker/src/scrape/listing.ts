import type { PostDetails } from '@velog-insights/store';
import type { VelogListedPost } from '@velog-insights/velog';

/**
 * A post as the listing shows it, in our field names; `null` where velog left a field out. Its
 * own fields are the details the store keeps for the posts table.
 */
export interface ListedPost extends Omit<PostDetails, 'postId'> {
  id: string;
  likes: number | null;
  /** Only used when the operator says the listing's views can be trusted. */
  views: number | null;
}

export function toListedPost(post: VelogListedPost): ListedPost {
  return {
    id: post.id,
    title: post.title ?? '',
    urlSlug: post.url_slug ?? '',
    tags: post.tags ?? [],
    releasedAt: post.released_at ?? null,
    updatedAt: post.updated_at ?? null,
    isPrivate: post.is_private ?? false,
    likes: post.likes ?? null,
    commentsCount: post.comments_count ?? null,
    views: post.views ?? null,
  };
}

export interface ListingState {
  posts: ListedPost[];
  seen: ReadonlySet<string>;
  pages: number;
}

export type ListingEnd = 'empty-page' | 'short-page' | 'repeated-post' | 'page-limit';

export type PageVerdict =
  | { state: ListingState; next: 'continue'; cursor: string }
  | { state: ListingState; next: 'done'; complete: boolean; end: ListingEnd };

export const EMPTY_LISTING: ListingState = { posts: [], seen: new Set(), pages: 0 };

/**
 * Adds one page of velog's post list and says whether to ask for the next. velog has no
 * `hasNextPage`: an empty or short page ends the list. A page that repeats a post we already
 * have means velog ignored our cursor (its post was just deleted) and started again from the
 * top: the list ends there without duplicates, and it is incomplete, because the posts older
 * than the deleted one were never listed.
 */
export function acceptPage(
  state: ListingState,
  page: readonly ListedPost[],
  options: { limit: number; maxPages: number },
): PageVerdict {
  const seen = new Set(state.seen);
  const posts = [...state.posts];
  let repeated = false;
  for (const post of page) {
    if (seen.has(post.id)) {
      repeated = true;
      continue;
    }
    seen.add(post.id);
    posts.push(post);
  }
  const next: ListingState = { posts, seen, pages: state.pages + 1 };
  if (page.length === 0) return { state: next, next: 'done', complete: true, end: 'empty-page' };
  if (repeated) return { state: next, next: 'done', complete: false, end: 'repeated-post' };
  if (page.length < options.limit) {
    return { state: next, next: 'done', complete: true, end: 'short-page' };
  }
  if (next.pages >= options.maxPages) {
    return { state: next, next: 'done', complete: false, end: 'page-limit' };
  }
  const last = page[page.length - 1] as ListedPost;
  return { state: next, next: 'continue', cursor: last.id };
}
