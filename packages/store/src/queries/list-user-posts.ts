import type { PostDoc, StoreModels } from '../models.js';

export type PostSummaryDoc = Pick<
  PostDoc,
  | '_id'
  | 'title'
  | 'urlSlug'
  | 'tags'
  | 'releasedAt'
  | 'isPrivate'
  | 'views'
  | 'likes'
  | 'commentsCount'
  | 'removedAt'
>;

export const POST_FIELDS = {
  title: 1,
  urlSlug: 1,
  tags: 1,
  releasedAt: 1,
  isPrivate: 1,
  views: 1,
  likes: 1,
  commentsCount: 1,
  removedAt: 1,
} as const;

/** Every post of one writer, removed ones included: their history stays. */
export async function listUserPosts(
  models: StoreModels,
  userId: string,
): Promise<PostSummaryDoc[]> {
  return models.Post.find({ userId }, POST_FIELDS).lean<PostSummaryDoc[]>();
}
