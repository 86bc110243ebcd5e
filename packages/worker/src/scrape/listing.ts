import type { PostDetails } from '@velog-insights/store';
import type { VelogListedPost } from '@velog-insights/velog';

/**
 * A post as the listing shows it, in our field names; `null` where velog left a field out. Its
 * own fields are the details the store keeps for the posts table.
 */
export interface ListedPost extends Omit<PostDetails, 'postId'> {
  id: string;
  likes: number | null;
  /** v3's stored view counter, the number getStats calls `total` (velog-api.md §3). */
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
  /** The post the next page was asked to follow; `null` for the first page. */
  cursor: ListedPost | null;
  /** Times velog ignored a cursor and we asked again from an earlier post. */
  restarts: number;
  /** A whole page shared one `released_at`: posts tied with it beyond the page are unreachable. */
  tieOverflow: boolean;
}

export type ListingEnd =
  | 'empty-page'
  | 'short-page'
  | 'cursor-ignored'
  | 'page-limit'
  | 'tie-overflow';

export type PageVerdict =
  | { state: ListingState; next: 'continue'; cursor: string }
  | { state: ListingState; next: 'done'; complete: boolean; end: ListingEnd };

export const EMPTY_LISTING: ListingState = {
  posts: [],
  seen: new Set(),
  pages: 0,
  cursor: null,
  restarts: 0,
  tieOverflow: false,
};

/** A deleted cursor post twice in one listing is no coincidence worth chasing further. */
const MAX_RESTARTS = 3;

const time = (post: ListedPost): number | null => post.releasedAt?.getTime() ?? null;

/**
 * Whether velog answered page 1 again instead of the page after `cursor` (it does when the
 * cursor post was just deleted): the page after a cursor holds only posts strictly older.
 */
function ignoredCursor(
  cursor: ListedPost,
  page: readonly ListedPost[],
  seen: ReadonlySet<string>,
): boolean {
  const before = time(cursor);
  if (before === null) return page.some((post) => seen.has(post.id));
  return page.some((post) => {
    const at = time(post);
    return at === null || at >= before;
  });
}

/**
 * The post to ask the next page after. velog pages by `released_at < cursor's` with no
 * tie-break, so following the page's last post would skip any post tied with it that the page
 * left out. Following the last post released strictly earlier than the page's last one asks
 * for that whole tie group again; the overlap is de-duplicated by id.
 */
function nextCursor(page: readonly ListedPost[]): { cursor: ListedPost; overflow: boolean } {
  const last = page[page.length - 1] as ListedPost;
  const lastAt = time(last);
  if (lastAt === null) return { cursor: last, overflow: false };
  for (let index = page.length - 2; index >= 0; index -= 1) {
    const candidate = page[index] as ListedPost;
    if (time(candidate) !== lastAt) return { cursor: candidate, overflow: false };
  }
  // A page of one instant leaves no earlier post to follow: going on past it is all we can do.
  return { cursor: last, overflow: true };
}

/** After an ignored cursor: the nearest listed post released strictly before it, if any. */
function restartCursor(posts: readonly ListedPost[], failed: ListedPost): ListedPost | null {
  const failedAt = time(failed);
  if (failedAt === null) return null;
  const index = posts.findIndex((post) => post.id === failed.id);
  for (let candidate = index - 1; candidate >= 0; candidate -= 1) {
    const post = posts[candidate] as ListedPost;
    const at = time(post);
    if (at !== null && at > failedAt) return post;
  }
  return null;
}

/**
 * Adds one page of velog's post list and says which cursor to ask next, or that the list has
 * ended. velog has no `hasNextPage`: an empty or short page ends it. A page that is velog's
 * first page again means it ignored our cursor (its post was just deleted): we ask again from
 * an earlier post, a bounded number of times, before calling the listing incomplete.
 */
export function acceptPage(
  state: ListingState,
  page: readonly ListedPost[],
  options: { limit: number; maxPages: number },
): PageVerdict {
  const seen = new Set(state.seen);
  const posts = [...state.posts];
  for (const post of page) {
    if (seen.has(post.id)) continue;
    seen.add(post.id);
    posts.push(post);
  }
  const next: ListingState = { ...state, posts, seen, pages: state.pages + 1 };
  const done = (end: ListingEnd): PageVerdict => {
    const reachedEnd = end === 'empty-page' || end === 'short-page';
    if (reachedEnd && next.tieOverflow) {
      return { state: next, next: 'done', complete: false, end: 'tie-overflow' };
    }
    return { state: next, next: 'done', complete: reachedEnd, end };
  };

  if (state.cursor !== null && ignoredCursor(state.cursor, page, state.seen)) {
    const restart = restartCursor(posts, state.cursor);
    if (restart === null || state.restarts >= MAX_RESTARTS) return done('cursor-ignored');
    if (next.pages >= options.maxPages) return done('page-limit');
    return {
      state: { ...next, cursor: restart, restarts: state.restarts + 1 },
      next: 'continue',
      cursor: restart.id,
    };
  }
  if (page.length === 0) return done('empty-page');
  if (page.length < options.limit) return done('short-page');
  if (next.pages >= options.maxPages) return done('page-limit');
  const { cursor, overflow } = nextCursor(page);
  return {
    state: { ...next, cursor, tieOverflow: next.tieOverflow || overflow },
    next: 'continue',
    cursor: cursor.id,
  };
}
