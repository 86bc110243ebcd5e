import { z } from 'zod';

/** A post's current state, as last seen in velog's listing and stats. */
export const Post = z.object({
  /** velog's post id (a UUID); our `_id` too, so an upsert is keyed on it. */
  id: z.string().min(1),
  userId: z.string().min(1),
  title: z.string(),
  urlSlug: z.string(),
  tags: z.array(z.string()),
  releasedAt: z.coerce.date().nullable(),
  updatedAt: z.coerce.date().nullable(),
  isPrivate: z.boolean(),
  /** Cumulative views; `null` until a stats request has succeeded once. */
  views: z.number().int().nonnegative().nullable(),
  likes: z.number().int().nonnegative(),
  commentsCount: z.number().int().nonnegative(),
  firstSeenAt: z.coerce.date(),
  lastSeenAt: z.coerce.date(),
  /** Set once velog confirmed the post is gone; its history stays. */
  removedAt: z.coerce.date().nullable(),
});
export type Post = z.infer<typeof Post>;
