import { z } from 'zod';

/*
 * The GraphQL documents we send and the shapes we accept back (velog-api.md §3). Every field
 * asked for exists in velog's schema; a field that does not would fail validation on velog.
 */

export const CURRENT_USER = `query currentUser {
  currentUser { id username email profile { display_name thumbnail } }
}`;

export const POSTS = `query velogPosts($input: GetPostsInput!) {
  posts(input: $input) {
    id title url_slug likes views released_at updated_at is_private tags comments_count
  }
}`;

export const GET_STATS = `query GetStats($post_id: ID!) { getStats(post_id: $post_id) { total } }`;

// Asked only for posts we have no history of: the buckets are the heavy part of the query.
export const GET_STATS_WITH_DAYS = `query GetStats($post_id: ID!) {
  getStats(post_id: $post_id) { total count_by_day { count day } }
}`;

const count = z.number().int().nonnegative();

export const VelogCurrentUser = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  email: z.string().nullish(),
  profile: z.object({
    display_name: z.string().nullish(),
    thumbnail: z.string().nullish(),
  }),
});
export type VelogCurrentUser = z.infer<typeof VelogCurrentUser>;

export const VelogListedPost = z.object({
  id: z.string().min(1),
  title: z.string().nullish(),
  url_slug: z.string().nullish(),
  likes: count.nullish(),
  views: count.nullish(),
  released_at: z.coerce.date().nullish(),
  updated_at: z.coerce.date().nullish(),
  is_private: z.boolean().nullish(),
  tags: z.array(z.string()).nullish(),
  comments_count: count.nullish(),
});
export type VelogListedPost = z.infer<typeof VelogListedPost>;

export const VelogStats = z.object({
  total: count.nullish(),
  count_by_day: z
    .array(z.object({ count: count.nullish(), day: z.coerce.date().nullish() }).nullable())
    .nullish(),
});
export type VelogStats = z.infer<typeof VelogStats>;
