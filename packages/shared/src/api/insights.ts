import { z } from 'zod';
import { KstDate } from '../time/kst.js';
import { Range } from './stats.js';

/*
 * The insights a writer asks for beyond the daily chart (issue 13): launch curves side by
 * side, the range's highlights, and views by tag. Every figure is a sum or a listing of the
 * one gain rule, so each equals what the chart and the posts table show for the same days.
 */

/** The most posts one launch comparison lays side by side. */
export const MAX_LAUNCH_POSTS = 10;
/** The longest post id a launch comparison takes. */
export const MAX_LAUNCH_POST_ID = 200;

export const LaunchQuery = z.object({
  /** Comma-separated post ids; absent or empty: the five latest published posts. */
  posts: z.string().max(2100).optional(),
  /** Days since publication to show (day 0 included). */
  days: z.coerce.number().int().min(7).max(90).default(30),
});
export type LaunchQuery = z.infer<typeof LaunchQuery>;

export const LaunchPoint = z.object({
  /** Days since publication: 0 is the KST day of the release. */
  day: z.number().int().nonnegative(),
  date: KstDate,
  /** Views that day; `null` when the day was not observed on its own (a gap, not a zero). */
  views: z.number().int().nonnegative().nullable(),
  /** Views from publication to the end of the day; `null` when any of it is unknown. */
  cumulative: z.number().int().nonnegative().nullable(),
});
export type LaunchPoint = z.infer<typeof LaunchPoint>;

export const LaunchCurveRow = z.object({
  postId: z.string(),
  title: z.string(),
  /** The KST day of the release; `null` for a post velog gives no release date for. */
  releasedOn: KstDate.nullable(),
  /** False for a post published before we started watching it: its first days are unknown. */
  trackedFromRelease: z.boolean(),
  /** Complete days only (up to yesterday), at most `days` of them. */
  points: z.array(LaunchPoint),
});
export type LaunchCurveRow = z.infer<typeof LaunchCurveRow>;

export const LaunchMedianPoint = z.object({
  day: z.number().int().nonnegative(),
  /** Median over the posts with that day observed; `null` when none has it. */
  views: z.number().nonnegative().nullable(),
  viewsPosts: z.number().int().nonnegative(),
  cumulative: z.number().nonnegative().nullable(),
  cumulativePosts: z.number().int().nonnegative(),
});
export type LaunchMedianPoint = z.infer<typeof LaunchMedianPoint>;

export const LaunchResponse = z.object({
  today: KstDate,
  days: z.number().int().positive(),
  /** `latest`: no posts were asked for, so these are the five latest published. */
  selection: z.enum(['chosen', 'latest']),
  posts: z.array(LaunchCurveRow),
  /** The writer's usual launch: every published post's curve, day by day. */
  median: z.array(LaunchMedianPoint),
});
export type LaunchResponse = z.infer<typeof LaunchResponse>;

const PostFigure = z.object({
  postId: z.string(),
  title: z.string(),
  views: z.number().int().nonnegative(),
});

export const HighlightsResponse = Range.extend({
  /** The posts with the most views gained in the range (as the posts table has them). */
  topGainers: z.array(PostFigure.extend({ likes: z.number().int().nullable() })),
  /** The range's day with the most views (as the daily chart has it); `null`: none observed. */
  bestDay: z
    .object({ day: KstDate, views: z.number().int().nonnegative(), drivers: z.array(PostFigure) })
    .nullable(),
  /** Posts published in the range: their first 7 days against the writer's median. */
  newPosts: z.array(
    z.object({
      postId: z.string(),
      title: z.string(),
      releasedOn: KstDate,
      /** Views in days 0–6; `null` until all seven are complete and known. */
      firstWeek: z.number().int().nonnegative().nullable(),
    }),
  ),
  /** The median first-7-days total over the posts with theirs known, and how many those are. */
  medianFirstWeek: z.number().nonnegative().nullable(),
  medianFirstWeekPosts: z.number().int().nonnegative(),
  /** Posts whose last 7 days of the range stand well above their own recent normal. */
  wakingUp: z.array(
    z.object({
      postId: z.string(),
      title: z.string(),
      /** Views over the window's known days (a lower bound when some are unknown). */
      recent: z.number().int().nonnegative(),
      /** The post's median day over the 28 days before the window. */
      usual: z.number().nonnegative(),
    }),
  ),
  /** The 7 days the waking-up rule looks at. */
  wakingWindow: Range,
});
export type HighlightsResponse = z.infer<typeof HighlightsResponse>;

export const TagRow = z.object({
  /** `null`: the posts without a tag. */
  tag: z.string().nullable(),
  posts: z.number().int().nonnegative(),
  /** The sum of these posts' period gains; `null` when none of them has one. */
  views: z.number().int().nonnegative().nullable(),
  likes: z.number().int().nullable(),
});
export type TagRow = z.infer<typeof TagRow>;

export const TagsResponse = Range.extend({
  /** Most views first; a post with several tags counts toward each of them. */
  tags: z.array(TagRow),
});
export type TagsResponse = z.infer<typeof TagsResponse>;
