import { invalidUuid, isUuid, VelogKnownError } from './errors.js';
import type { FakePost } from './store.js';

export const DEFAULT_LIMIT = { v2: 20, v3: 10 } as const;
/** Above this the servers refuse; between CUT_TO + 1 and MAX_LIMIT they quietly cut to CUT_TO. */
export const MAX_LIMIT = 100;
export const CUT_TO = 50;

export interface ListPostsInput {
  server: 'v2' | 'v3';
  cursor?: string | null;
  username?: string | null;
  limit?: number | null;
  tempOnly?: boolean | null;
  tag?: string | null;
  viewerId: string | null;
}

export interface PostSource {
  posts(): FakePost[];
  post(id: string): FakePost | null;
  userIdOf(username: string): string | null;
}

/** Newest first; ties broken by id, as the servers' `ORDER BY released_at DESC, id DESC`. */
function byReleasedDesc(a: FakePost, b: FakePost): number {
  const diff = b.releasedAt.getTime() - a.releasedAt.getTime();
  if (diff !== 0) return diff;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * One page of `posts`, with every trap velog has: the next page is strictly older than the
 * cursor post (so a second post at the same instant is skipped), a cursor that no longer
 * exists is ignored (page 1 again), and a cursor that is not a UUID fails in the database.
 */
export function listPosts(source: PostSource, input: ListPostsInput): FakePost[] {
  const requested = input.limit ?? DEFAULT_LIMIT[input.server];
  if (requested > MAX_LIMIT) throw new VelogKnownError('Max limit is 100', 'BAD_REQUEST', 400);
  const limit = Math.min(requested, CUT_TO);
  if (limit <= 0) return [];

  const username = input.username || null;
  const ownerId = username === null ? null : source.userIdOf(username);
  if (username !== null && ownerId === null) return [];

  if (input.tempOnly) {
    if (username === null) throw new VelogKnownError('username is missing', 'BAD_REQUEST', 400);
    if (input.viewerId === null) throw new VelogKnownError('Not logged in', 'UNAUTHENTICATED', 401);
    if (input.viewerId !== ownerId) {
      throw new VelogKnownError('You have no permission to load temp posts', 'NO_PERMISSION', 403);
    }
  }

  let before: number | null = null;
  const cursor = input.cursor || null;
  if (cursor !== null) {
    if (!isUuid(cursor)) throw invalidUuid(cursor);
    const cursorPost = source.post(cursor);
    if (cursorPost !== null) before = cursorPost.releasedAt.getTime();
  }

  const tag = input.tag || null;
  return source
    .posts()
    .filter((post) => (ownerId === null ? true : post.userId === ownerId))
    .filter((post) => post.isTemp === Boolean(input.tempOnly))
    .filter((post) => !post.isPrivate || post.userId === input.viewerId)
    .filter((post) => tag === null || post.tags.includes(tag))
    .filter((post) => before === null || post.releasedAt.getTime() < before)
    .sort(byReleasedDesc)
    .slice(0, limit);
}
