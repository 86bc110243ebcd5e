import { z } from 'zod';
import { DailyGain } from '../models/daily-gain.js';
import { KstDate } from '../time/kst.js';
import { Range } from './stats.js';

export const PostSort = z.enum([
  'title',
  'releasedAt',
  'views',
  'periodViews',
  'likes',
  'periodLikes',
]);
export type PostSort = z.infer<typeof PostSort>;

export const PostListQuery = z.object({
  from: KstDate.optional(),
  to: KstDate.optional(),
  sort: PostSort.default('releasedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(500).optional(),
});
export type PostListQuery = z.infer<typeof PostListQuery>;

export const PostRow = z.object({
  id: z.string(),
  title: z.string(),
  urlSlug: z.string(),
  /** The post on velog. */
  url: z.string(),
  tags: z.array(z.string()),
  releasedAt: z.coerce.date().nullable(),
  isPrivate: z.boolean(),
  removed: z.boolean(),
  views: z.number().int().nonnegative().nullable(),
  likes: z.number().int().nonnegative(),
  commentsCount: z.number().int().nonnegative(),
  /** Gains inside the requested range; `null` when the range holds too few snapshots. */
  periodViews: z.number().int().nonnegative().nullable(),
  periodLikes: z.number().int().nullable(),
});
export type PostRow = z.infer<typeof PostRow>;

export const PostListResponse = Range.extend({
  items: z.array(PostRow),
  total: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
});
export type PostListResponse = z.infer<typeof PostListResponse>;

export const PostDetailResponse = Range.extend({ post: PostRow });
export type PostDetailResponse = z.infer<typeof PostDetailResponse>;

export const PostDailyResponse = Range.extend({
  postId: z.string(),
  days: z.array(DailyGain),
});
export type PostDailyResponse = z.infer<typeof PostDailyResponse>;

/** One row of `GET /api/export`: a post's figures on one KST day. */
export const ExportRow = z.object({
  day: KstDate,
  postId: z.string(),
  title: z.string(),
  views: z.number().int().nonnegative().nullable(),
  likes: z.number().int().nonnegative().nullable(),
  viewsGained: z.number().int().nonnegative().nullable(),
  likesGained: z.number().int().nullable(),
});
export type ExportRow = z.infer<typeof ExportRow>;
