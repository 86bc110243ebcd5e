import { randomUUID } from 'node:crypto';

export interface FakeUser {
  id: string;
  username: string;
  email: string;
  profileId: string;
  displayName: string;
  shortBio: string;
  thumbnail: string | null;
}

export type PostStatus = 'published' | 'private' | 'draft';

export interface FakePost {
  id: string;
  userId: string;
  title: string;
  urlSlug: string;
  shortDescription: string;
  thumbnail: string | null;
  tags: string[];
  releasedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  isPrivate: boolean;
  /** velog calls drafts "temp" posts. */
  isTemp: boolean;
  likes: number;
  /** The cumulative view counter that `getStats.total` reports in current mode. */
  views: number;
  commentsCount: number;
}

/** Reads recorded at one instant; legacy getStats groups them by KST day. */
export interface ReadBatch {
  at: Date;
  count: number;
}

export interface NewUser {
  username: string;
  email?: string;
  displayName?: string;
  shortBio?: string;
  thumbnail?: string | null;
}

export interface NewPost {
  userId: string;
  title?: string;
  urlSlug?: string;
  tags?: string[];
  releasedAt?: Date;
  status?: PostStatus;
  likes?: number;
  views?: number;
  commentsCount?: number;
  updatedAt?: Date;
  shortDescription?: string;
  thumbnail?: string | null;
}

function slugify(title: string): string {
  const slug = title
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'post' : slug;
}

function requireCount(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
  return value;
}

/** Users, posts and reads in memory. Deleted posts vanish, as they do from velog's tables. */
export class FakeStore {
  readonly #users = new Map<string, FakeUser>();
  readonly #posts = new Map<string, FakePost>();
  readonly #reads = new Map<string, ReadBatch[]>();

  addUser(input: NewUser): FakeUser {
    if (!/^[\w-]{1,64}$/.test(input.username)) {
      throw new RangeError(`invalid username: ${input.username}`);
    }
    if (this.userByUsername(input.username) !== null) {
      throw new Error(`username already taken: ${input.username}`);
    }
    const user: FakeUser = {
      id: randomUUID(),
      username: input.username,
      email: input.email ?? `${input.username}@example.com`,
      profileId: randomUUID(),
      displayName: input.displayName ?? input.username,
      shortBio: input.shortBio ?? '',
      thumbnail: input.thumbnail ?? null,
    };
    this.#users.set(user.id, user);
    return user;
  }

  user(id: string): FakeUser | null {
    return this.#users.get(id) ?? null;
  }

  userByUsername(username: string): FakeUser | null {
    for (const user of this.#users.values()) if (user.username === username) return user;
    return null;
  }

  users(): FakeUser[] {
    return [...this.#users.values()];
  }

  addPost(input: NewPost, now: Date): FakePost {
    if (this.user(input.userId) === null) throw new Error(`no such user: ${input.userId}`);
    const title = input.title ?? `Post ${this.#posts.size + 1}`;
    const releasedAt = new Date((input.releasedAt ?? now).getTime());
    const status = input.status ?? 'published';
    const post: FakePost = {
      id: randomUUID(),
      userId: input.userId,
      title,
      urlSlug: input.urlSlug ?? slugify(title),
      shortDescription: input.shortDescription ?? '',
      thumbnail: input.thumbnail ?? null,
      tags: [...(input.tags ?? [])],
      releasedAt,
      createdAt: releasedAt,
      updatedAt: new Date((input.updatedAt ?? releasedAt).getTime()),
      isPrivate: status === 'private',
      isTemp: status === 'draft',
      likes: requireCount(input.likes ?? 0, 'likes'),
      views: requireCount(input.views ?? 0, 'views'),
      commentsCount: requireCount(input.commentsCount ?? 0, 'commentsCount'),
    };
    this.#posts.set(post.id, post);
    this.#reads.set(post.id, []);
    return post;
  }

  post(id: string): FakePost | null {
    return this.#posts.get(id) ?? null;
  }

  posts(): FakePost[] {
    return [...this.#posts.values()];
  }

  #requirePost(id: string): FakePost {
    const post = this.#posts.get(id);
    if (post === undefined) throw new Error(`no such post: ${id}`);
    return post;
  }

  addReads(postId: string, count: number, at: Date): void {
    const post = this.#requirePost(postId);
    requireCount(count, 'count');
    if (count === 0) return;
    this.#reads.get(postId)?.push({ at: new Date(at.getTime()), count });
    post.views += count;
  }

  reads(postId: string): ReadBatch[] {
    return [...(this.#reads.get(postId) ?? [])];
  }

  setLikes(postId: string, likes: number): void {
    this.#requirePost(postId).likes = requireCount(likes, 'likes');
  }

  setViews(postId: string, views: number): void {
    this.#requirePost(postId).views = requireCount(views, 'views');
  }

  setPrivate(postId: string, isPrivate: boolean): void {
    this.#requirePost(postId).isPrivate = isPrivate;
  }

  deletePost(postId: string): void {
    this.#requirePost(postId);
    this.#posts.delete(postId);
    this.#reads.delete(postId);
  }
}
