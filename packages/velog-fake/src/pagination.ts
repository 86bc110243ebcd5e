import { invalidUuid, isUuid, VelogKnownError } from './errors.js';
import type { FakePost } from './store.js';

export const DEFAULT_LIMIT = { v2: 20, v3: 10 } as const;
/** Above this the servers refuse; between CUT_TO + 1 and MAX_LIMIT they quietly cut to CUT_TO. */
export const MAX_LIMIT = 100;
export const CUT_TO = 50;

/**
 * How posts with an equal `released_at` come out. velog sorts by `released_at` alone, so
 * PostgreSQL returns such ties in whatever order its plan yields, which can change from one
 * request to the next: 'shuffle' (velog's behaviour) deals them anew on every call; 'id'
 * breaks them by id, newest id first, for runs that want to repeat exactly.
 */
export type TieOrder = 'shuffle' | 'id';

export interface ListPostsInput {
  server: 'v2' | 'v3';
  tieOrder: TieOrder;
  /** The randomness behind 'shuffle' (tests pass a seeded one). */
  random?: () => number;
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

/** Newest first; within a tie, by id (newest id first) or by a random key drawn per call. */
function newestFirst(posts: FakePost[], tieOrder: TieOrder, random: () => number): FakePost[] {
  const keyed = posts.map((post) => ({ post, key: tieOrder === 'id' ? 0 : random() }));
  return keyed
    .sort(
      (a, b) =>
        b.post.releasedAt.getTime() - a.post.releasedAt.getTime() ||
        (tieOrder === 'id' ? compareIdsDesc(a.post, b.post) : a.key - b.key),
    )
    .map(({ post }) => post);
}

function compareIdsDesc(a: FakePost, b: FakePost): number {
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * One page of `posts`, with every trap velog has: the next page is strictly older than the
 * cursor post (so a post released at the same instant but left off the page is skipped, and
 * with shuffled ties which one can change between runs), a cursor that no longer exists is
 * ignored (page 1 again), and a cursor that is not a UUID fails in the database.
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
  const matching = source
    .posts()
    .filter((post) => (ownerId === null ? true : post.userId === ownerId))
    .filter((post) => post.isTemp === Boolean(input.tempOnly))
    .filter((post) => !post.isPrivate || post.userId === input.viewerId)
    .filter((post) => tag === null || post.tags.includes(tag))
    .filter((post) => before === null || post.releasedAt.getTime() < before);
  return newestFirst(matching, input.tieOrder, input.random ?? Math.random).slice(0, limit);
}
