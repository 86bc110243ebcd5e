import { invalidUuid, isUuid, statementTimeout, VelogKnownError } from './errors.js';
import type { Endpoint, FaultRegistry } from './faults.js';
import { listPosts, type TieOrder } from './pagination.js';
import {
  currentStats,
  type LegacyDayEncoding,
  legacyStats,
  type StatsMode,
  type StatsResult,
} from './stats.js';
import type { FakePost, FakeStore, FakeUser } from './store.js';

/**
 * Who sees `Post.views` in v3's `posts`. velog: 'everyone' (the field has no resolver, so it
 * is the stored counter). 'never' withholds it, for runs that must not lean on it.
 */
export type ViewsInPosts = 'never' | 'owner' | 'everyone';

export interface ResolverContext {
  server: 'v2' | 'v3';
  endpoint: Endpoint;
  viewerId: string | null;
  store: FakeStore;
  now: Date;
  faults: FaultRegistry;
  viewsInPosts: ViewsInPosts;
  tieOrder: TieOrder;
  statsMode: StatsMode;
  legacyDayEncoding: LegacyDayEncoding;
}

function userView(user: FakeUser, viewerId: string | null) {
  return {
    id: user.id,
    username: user.username,
    // velog shows an email only to its owner.
    email: user.id === viewerId ? user.email : null,
    profile: {
      id: user.profileId,
      display_name: user.displayName,
      short_bio: user.shortBio,
      thumbnail: user.thumbnail,
    },
  };
}

function postView(post: FakePost, context: ResolverContext) {
  // v2's posts never fills in views, whatever the knob says.
  const showViews =
    context.server === 'v3' &&
    (context.viewsInPosts === 'everyone' ||
      (context.viewsInPosts === 'owner' && post.userId === context.viewerId));
  return {
    id: post.id,
    title: post.title,
    url_slug: post.urlSlug,
    likes: post.likes,
    views: showViews ? post.views : null,
    released_at: post.releasedAt.toISOString(),
    updated_at: post.updatedAt.toISOString(),
    created_at: post.createdAt.toISOString(),
    is_private: post.isPrivate,
    tags: [...post.tags],
    comments_count: post.commentsCount,
    short_description: post.shortDescription,
    thumbnail: post.thumbnail,
  };
}

function guardTimeout(context: ResolverContext, operation: string, postId: string | null): void {
  const fault = context.faults.takeStatementTimeout(context.endpoint, { operation, postId });
  if (fault !== null) throw statementTimeout(fault.style);
}

function currentUser(context: ResolverContext) {
  guardTimeout(context, 'currentUser', null);
  if (context.viewerId === null) return null;
  const user = context.store.user(context.viewerId);
  return user === null ? null : userView(user, context.viewerId);
}

interface PostsArgs {
  cursor?: string | null;
  username?: string | null;
  limit?: number | null;
  temp_only?: boolean | null;
  tag?: string | null;
}

function posts(args: PostsArgs, context: ResolverContext) {
  guardTimeout(context, 'posts', args.cursor || null);
  const { store } = context;
  const page = listPosts(
    {
      posts: () => store.posts(),
      post: (id) => store.post(id),
      userIdOf: (username) => store.userByUsername(username)?.id ?? null,
    },
    {
      server: context.server,
      tieOrder: context.tieOrder,
      cursor: args.cursor ?? null,
      username: args.username ?? null,
      limit: args.limit ?? null,
      tempOnly: args.temp_only ?? null,
      tag: args.tag ?? null,
      viewerId: context.viewerId,
    },
  );
  return page.map((post) => postView(post, context));
}

function getStats(postId: string, context: ResolverContext): StatsResult {
  guardTimeout(context, 'getStats', postId);
  if (!isUuid(postId)) throw invalidUuid(postId);
  const post = context.store.post(postId);
  if (post === null) throw new VelogKnownError('Post not found', 'NOT_FOUND', 404);
  if (post.userId !== context.viewerId) {
    throw new VelogKnownError('This post is not yours', 'NO_PERMISSION', 403);
  }
  if (context.statsMode === 'current') return currentStats(post.views);
  return legacyStats(context.store.reads(post.id), context.now, context.legacyDayEncoding);
}

type Resolver = (args: Record<string, unknown>, context: ResolverContext) => unknown;

/** Root resolvers for graphql-js' `rootValue`, one table per server. */
export const v3Root: Record<string, Resolver> = {
  currentUser: (_args, context) => currentUser(context),
  posts: (args, context) => posts((args.input ?? {}) as PostsArgs, context),
};

export const v2Root: Record<string, Resolver> = {
  auth: (_args, context) => currentUser(context),
  posts: (args, context) => posts(args as PostsArgs, context),
  getStats: (args, context) => getStats(String(args.post_id), context),
};
