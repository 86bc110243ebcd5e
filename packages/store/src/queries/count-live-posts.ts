import type { StoreModels } from '../models.js';

/** Posts the writer has on velog now: removed ones keep their history but are not counted. */
export async function countLivePosts(models: StoreModels, userId: string): Promise<number> {
  return models.Post.countDocuments({ userId, removedAt: null });
}
