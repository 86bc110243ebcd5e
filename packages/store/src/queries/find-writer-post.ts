import type { KstDate, PostCounters } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import type { StoredPostDetails } from '../months/writer-posts.js';
import type { ReadOptions } from './read-options.js';
import { readWriterStats, type WriterStats } from './read-writer-stats.js';

export interface WriterPost {
  stats: WriterStats;
  /** The post's current counters. */
  post: PostCounters;
  /** Its listing details, once a listing has shown them. */
  details: StoredPostDetails | null;
}

/**
 * One post of `userId` with the writer's months for `range`, only if the post is theirs: the
 * months are the writer's own documents, so another writer's post id is as unknown as one
 * that never existed.
 */
export async function findWriterPost(
  models: StoreModels,
  userId: string,
  postId: string,
  range: { from: KstDate; to: KstDate },
  today: KstDate,
  options: ReadOptions & { details?: boolean } = {},
): Promise<WriterPost | null> {
  const stats = await readWriterStats(models, userId, range, today, options);
  if (stats === null) return null;
  const idx = stats.index.ids.get(postId);
  const post = idx === undefined ? undefined : stats.index.posts.get(idx);
  if (post === undefined) return null;
  return { stats, post, details: stats.details?.get(postId) ?? null };
}
