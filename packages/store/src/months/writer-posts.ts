import type { StoreModels, WriterPostsDoc } from '../models.js';
import { fromFieldKey, toFieldKey, updatePaths } from '../update-paths.js';

/** A post as velog's listing shows it: what the posts table needs besides the counters. */
export interface PostDetails {
  postId: string;
  title: string;
  urlSlug: string;
  tags: readonly string[];
  releasedAt: Date | null;
  updatedAt: Date | null;
  isPrivate: boolean;
  /** `null` when the listing did not say: the stored count stays. */
  commentsCount: number | null;
}

export type StoredPostDetails = Omit<PostDetails, 'postId' | 'commentsCount'> & {
  commentsCount: number;
};

/** All of a writer's post details, by velog post id: one document, read by `_id`. */
export async function readPostDetails(
  models: StoreModels,
  userId: string,
): Promise<Map<string, StoredPostDetails>> {
  const doc = await models.WriterPosts.collection.findOne({ _id: userId as never });
  const posts = new Map<string, StoredPostDetails>();
  for (const [key, details] of Object.entries((doc as WriterPostsDoc | null)?.posts ?? {})) {
    posts.set(fromFieldKey(key), details);
  }
  return posts;
}

/**
 * Writes the details that differ from what is stored, as paths of the writer's one document;
 * nothing when none did. Returns whether it wrote.
 */
export async function writePostDetails(
  models: StoreModels,
  userId: string,
  listed: readonly PostDetails[],
): Promise<boolean> {
  if (listed.length === 0) return false;
  const stored = (await models.WriterPosts.collection.findOne({
    _id: userId as never,
  })) as WriterPostsDoc | null;
  const before = stored?.posts ?? {};
  const after: WriterPostsDoc['posts'] = { ...before };
  for (const post of listed) {
    const key = toFieldKey(post.postId);
    const old = before[key];
    after[key] = {
      title: post.title,
      urlSlug: post.urlSlug,
      tags: [...post.tags],
      releasedAt: post.releasedAt,
      updatedAt: post.updatedAt,
      isPrivate: post.isPrivate,
      commentsCount: post.commentsCount ?? old?.commentsCount ?? 0,
    };
  }
  if (stored === null) {
    await models.WriterPosts.collection.updateOne(
      { _id: userId as never },
      { $set: { posts: after } },
      { upsert: true },
    );
    return true;
  }
  const update = updatePaths({ posts: before }, { posts: after });
  if (update === null) return false;
  await models.WriterPosts.collection.updateOne({ _id: userId as never }, update);
  return true;
}
