import type { StoredDetails, StoreModels, WriterPostsDoc } from '../models.js';
import { fromFieldKey, toFieldKey } from '../update-paths.js';

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

/**
 * Changed posts kept as fields before they are folded into `base`. FerretDB rebuilds a
 * document value by value (a 1,000-post map took ~80 ms to read, the same as one string
 * ~10 ms), so most details live in one JSON string; a scrape that changes a few posts still
 * writes only their paths, into `recent`, until that holds this many.
 */
const FOLD_AT = 64;

function parseBase(base: string | undefined): Record<string, StoredDetails> {
  if (base === undefined) return {};
  const parsed = JSON.parse(base) as Record<string, StoredDetails>;
  for (const details of Object.values(parsed)) {
    details.releasedAt = details.releasedAt === null ? null : new Date(details.releasedAt);
    details.updatedAt = details.updatedAt === null ? null : new Date(details.updatedAt);
  }
  return parsed;
}

function merged(doc: WriterPostsDoc | null): Record<string, StoredDetails> {
  return { ...parseBase(doc?.base), ...(doc?.recent ?? {}) };
}

async function readDoc(models: StoreModels, userId: string): Promise<WriterPostsDoc | null> {
  return (await models.WriterPosts.collection.findOne({
    _id: userId as never,
  })) as WriterPostsDoc | null;
}

/** All of a writer's post details, by velog post id: one document, read by `_id`. */
export async function readPostDetails(
  models: StoreModels,
  userId: string,
): Promise<Map<string, StoredPostDetails>> {
  const posts = new Map<string, StoredPostDetails>();
  for (const [key, details] of Object.entries(merged(await readDoc(models, userId)))) {
    posts.set(fromFieldKey(key), details);
  }
  return posts;
}

function toStored(post: PostDetails, old: StoredDetails | undefined): StoredDetails {
  return {
    title: post.title,
    urlSlug: post.urlSlug,
    tags: [...post.tags],
    releasedAt: post.releasedAt,
    updatedAt: post.updatedAt,
    isPrivate: post.isPrivate,
    commentsCount: post.commentsCount ?? old?.commentsCount ?? 0,
  };
}

function same(a: StoredDetails | undefined, b: StoredDetails): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** The one write that brings the stored details up to a listing, ready to run. */
export type PostDetailsWrite = () => Promise<void>;

/**
 * Reads the writer's details and plans the write of those that differ from the listing: their
 * paths in `recent`, or, once `recent` would hold more than FOLD_AT posts, everything as a new
 * `base`. `null` when none differ. Planning reads; only running the plan writes, so a caller
 * can queue the write alone.
 */
export async function planPostDetails(
  models: StoreModels,
  userId: string,
  listed: readonly PostDetails[],
): Promise<PostDetailsWrite | null> {
  if (listed.length === 0) return null;
  const stored = await readDoc(models, userId);
  const before = merged(stored);
  const changed: Record<string, StoredDetails> = {};
  for (const post of listed) {
    const key = toFieldKey(post.postId);
    const next = toStored(post, before[key]);
    if (!same(before[key], next)) changed[key] = next;
  }
  const keys = Object.keys(changed);
  if (keys.length === 0) return null;
  const recent = Object.keys(stored?.recent ?? {}).length;
  const collection = models.WriterPosts.collection;
  if (stored === null || recent + keys.length > FOLD_AT) {
    const base = JSON.stringify({ ...before, ...changed });
    return async () => {
      await collection.updateOne(
        { _id: userId as never },
        { $set: { base, recent: {} } },
        { upsert: true },
      );
    };
  }
  const $set: Record<string, StoredDetails> = {};
  for (const key of keys) $set[`recent.${key}`] = changed[key] as StoredDetails;
  return async () => {
    await collection.updateOne({ _id: userId as never }, { $set });
  };
}

/** Writes the details that differ from what is stored; whether it wrote. */
export async function writePostDetails(
  models: StoreModels,
  userId: string,
  listed: readonly PostDetails[],
): Promise<boolean> {
  const write = await planPostDetails(models, userId, listed);
  if (write === null) return false;
  await write();
  return true;
}
