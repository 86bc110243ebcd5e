import type { StoreModels } from '../models.js';
import { POST_FIELDS, type PostSummaryDoc } from './list-user-posts.js';

/** One post, only if it belongs to `userId`: another writer's id reads as not found. */
export async function findUserPost(
  models: StoreModels,
  userId: string,
  postId: string,
): Promise<PostSummaryDoc | null> {
  return models.Post.findOne({ _id: postId, userId }, POST_FIELDS).lean<PostSummaryDoc>();
}
