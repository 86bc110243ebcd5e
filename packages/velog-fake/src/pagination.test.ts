import { beforeEach, describe, expect, it } from 'vitest';
import { DatabaseError, VelogKnownError } from './errors.js';
import { type ListPostsInput, listPosts, type PostSource } from './pagination.js';
import { FakeStore } from './store.js';

const NOW = new Date('2026-11-22T03:00:00Z');
const HOUR = 3600_000;

let store: FakeStore;
let alice: string;
let bob: string;
let source: PostSource;

/** Alice's posts released one hour apart, newest first in the returned ids. */
function seedAlice(count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const releasedAt = new Date(NOW.getTime() - (count - i) * HOUR);
    ids.unshift(store.addPost({ userId: alice, title: `p${i}`, releasedAt }, NOW).id);
  }
  return ids;
}

function list(input: Partial<ListPostsInput>) {
  return listPosts(source, {
    server: 'v3',
    tieOrder: 'shuffle',
    username: 'alice',
    viewerId: null,
    ...input,
  }).map((post) => post.id);
}

/** A stand-in for Math.random that returns these values in turn. */
function draws(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

beforeEach(() => {
  store = new FakeStore();
  alice = store.addUser({ username: 'alice' }).id;
  bob = store.addUser({ username: 'bob' }).id;
  source = {
    posts: () => store.posts(),
    post: (id) => store.post(id),
    userIdOf: (username) => store.userByUsername(username)?.id ?? null,
  };
});

describe('limits', () => {
  it('defaults to 10 on v3 and 20 on v2', () => {
    seedAlice(30);
    expect(list({ server: 'v3' })).toHaveLength(10);
    expect(list({ server: 'v2' })).toHaveLength(20);
  });

  it('cuts 51 to 100 down to 50 and refuses more than 100', () => {
    const ids = seedAlice(60);
    expect(list({ limit: 50 })).toEqual(ids.slice(0, 50));
    expect(list({ limit: 51 })).toHaveLength(50);
    expect(list({ limit: 100 })).toHaveLength(50);
    expect(() => list({ limit: 101 })).toThrow(VelogKnownError);
    try {
      list({ limit: 101 });
    } catch (error) {
      expect(error).toMatchObject({
        message: 'Max limit is 100',
        code: 'BAD_REQUEST',
        status: 400,
      });
    }
  });
});

describe('cursors', () => {
  it('pages strictly older than the cursor post, newest first, and ends with an empty page', () => {
    const ids = seedAlice(7);
    const page1 = list({ limit: 3 });
    expect(page1).toEqual(ids.slice(0, 3));
    const page2 = list({ limit: 3, cursor: page1.at(-1) });
    expect(page2).toEqual(ids.slice(3, 6));
    const page3 = list({ limit: 3, cursor: page2.at(-1) });
    expect(page3).toEqual(ids.slice(6));
    expect(list({ limit: 3, cursor: page3.at(-1) })).toEqual([]);
  });

  it('skips whichever twin page 1 left off, and which one that is can change', () => {
    const t = new Date(NOW.getTime() - HOUR);
    const newest = store.addPost({ userId: alice, releasedAt: NOW }, NOW).id;
    const twinA = store.addPost({ userId: alice, releasedAt: t }, NOW).id;
    const twinB = store.addPost({ userId: alice, releasedAt: t }, NOW).id;
    const oldest = store.addPost(
      { userId: alice, releasedAt: new Date(t.getTime() - HOUR) },
      NOW,
    ).id;
    // One random key per post, in the order the store holds them: newest, A, B, oldest.
    for (const [random, listed, skipped] of [
      [draws(0, 0.1, 0.9, 0), twinA, twinB],
      [draws(0, 0.9, 0.1, 0), twinB, twinA],
    ] as const) {
      const page1 = list({ limit: 2, random });
      expect(page1).toEqual([newest, listed]);
      const page2 = list({ limit: 2, cursor: listed, random });
      expect(page2).toEqual([oldest]);
      expect([...page1, ...page2]).not.toContain(skipped);
    }
  });

  it('ignores a valid UUID that no longer exists and returns page 1 again', () => {
    const ids = seedAlice(5);
    const page1 = list({ limit: 2 });
    const last = page1.at(-1) ?? '';
    store.deletePost(last);
    expect(list({ limit: 2, cursor: last })).toEqual([ids[0], ids[2]]);
    expect(list({ limit: 2, cursor: '00000000-0000-4000-8000-000000000000' })).toEqual([
      ids[0],
      ids[2],
    ]);
  });

  it('fails in the database on a cursor that is not a UUID', () => {
    seedAlice(2);
    expect(() => list({ cursor: 'abc' })).toThrow(DatabaseError);
    expect(() => list({ cursor: 'abc' })).toThrow('invalid input syntax for type uuid: "abc"');
  });

  it('reads "" as no cursor', () => {
    const ids = seedAlice(3);
    expect(list({ cursor: '' })).toEqual(ids);
  });
});

describe('tie order', () => {
  function seedTies(count: number) {
    const t = new Date(NOW.getTime() - HOUR);
    const newest = store.addPost({ userId: alice, releasedAt: NOW }, NOW).id;
    const tied = Array.from(
      { length: count },
      () => store.addPost({ userId: alice, releasedAt: t }, NOW).id,
    );
    const oldest = store.addPost({ userId: alice, releasedAt: new Date(0) }, NOW).id;
    return { newest, tied, oldest };
  }

  it('shuffle deals posts of equal released_at anew on each call and keeps the rest in order', () => {
    const { newest, tied, oldest } = seedTies(5);
    const orders = new Set<string>();
    for (let call = 0; call < 20; call += 1) {
      const ids = list({ tieOrder: 'shuffle' });
      expect(ids[0]).toBe(newest);
      expect(ids.at(-1)).toBe(oldest);
      expect(new Set(ids.slice(1, -1))).toEqual(new Set(tied));
      orders.add(ids.join());
    }
    // 20 draws of 5! = 120 orders all alike would be a broken shuffle, not bad luck.
    expect(orders.size).toBeGreaterThan(1);
  });

  it('id breaks ties by id, newest id first, on every call', () => {
    const { newest, tied, oldest } = seedTies(5);
    const byId = [...tied].sort().reverse();
    for (let call = 0; call < 5; call += 1) {
      expect(list({ tieOrder: 'id' })).toEqual([newest, ...byId, oldest]);
    }
  });
});

describe('visibility', () => {
  it('shows private posts only to their owner and drafts to nobody', () => {
    const pub = store.addPost(
      { userId: alice, releasedAt: new Date(NOW.getTime() - 3 * HOUR) },
      NOW,
    );
    const priv = store.addPost(
      { userId: alice, status: 'private', releasedAt: new Date(NOW.getTime() - 2 * HOUR) },
      NOW,
    );
    store.addPost({ userId: alice, status: 'draft', releasedAt: NOW }, NOW);
    expect(list({ viewerId: null })).toEqual([pub.id]);
    expect(list({ viewerId: bob })).toEqual([pub.id]);
    expect(list({ viewerId: alice })).toEqual([priv.id, pub.id]);
  });

  it('lists only the named user and nothing for an unknown one', () => {
    seedAlice(2);
    const bobs = store.addPost({ userId: bob }, NOW).id;
    expect(list({ username: 'bob' })).toEqual([bobs]);
    expect(list({ username: 'nobody' })).toEqual([]);
  });

  it('filters by tag, with "" meaning no tag', () => {
    const tagged = store.addPost({ userId: alice, tags: ['react'] }, NOW).id;
    const other = store.addPost({ userId: alice, tags: ['css'], releasedAt: new Date(0) }, NOW).id;
    expect(list({ tag: 'react' })).toEqual([tagged]);
    expect(list({ tag: '' })).toEqual([tagged, other]);
  });

  it('lists drafts with temp_only for their owner only', () => {
    const draft = store.addPost({ userId: alice, status: 'draft' }, NOW).id;
    expect(list({ tempOnly: true, viewerId: alice })).toEqual([draft]);
    expect(() => list({ tempOnly: true, viewerId: null })).toThrow('Not logged in');
    expect(() => list({ tempOnly: true, viewerId: bob })).toThrow(/no permission/);
  });
});
