import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVelogFake, type VelogFake } from '../src/index.js';
import { DOCS, gql } from './http.js';

const NOW = new Date('2026-11-22T03:00:00Z');
const HOUR = 3600_000;

let fake: VelogFake;
let alice: { id: string };

beforeEach(async () => {
  fake = await startVelogFake({ now: NOW });
  alice = fake.addUser({ username: 'alice' });
});

afterEach(async () => {
  await fake.close();
});

type Page = { id: string; released_at: string }[];

/** One page from either server, with the arguments spelled the way that server wants them. */
async function page(
  server: 'v2' | 'v3',
  args: Record<string, unknown>,
  cookies = {},
): Promise<Page> {
  const result =
    server === 'v3'
      ? await gql(
          fake.urls.v3,
          DOCS.velogPosts,
          { input: { username: 'alice', ...args } },
          { cookies },
        )
      : await gql(fake.urls.v2, DOCS.v2Posts, { username: 'alice', ...args }, { cookies });
  expect(result.status).toBe(200);
  return (result.body as { data: { posts: Page } }).data.posts;
}

function addPosts(count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push(fake.addPost({ userId: alice.id, releasedAt: new Date(NOW.getTime() - i * HOUR) }).id);
  }
  return ids;
}

describe.each(['v3', 'v2'] as const)('posts pagination on %s', (server) => {
  it('defaults to 10 (v3) / 20 (v2) and cuts 51..100 to 50', async () => {
    addPosts(60);
    expect(await page(server, {})).toHaveLength(server === 'v3' ? 10 : 20);
    expect(await page(server, { limit: 100 })).toHaveLength(50);
  });

  it('skips one of two posts released at the same instant across a page boundary', async () => {
    const same = new Date(NOW.getTime() - HOUR);
    const newest = fake.addPost({ userId: alice.id, releasedAt: NOW }).id;
    const twins = [
      fake.addPost({ userId: alice.id, releasedAt: same }).id,
      fake.addPost({ userId: alice.id, releasedAt: same }).id,
    ];
    const oldest = fake.addPost({
      userId: alice.id,
      releasedAt: new Date(NOW.getTime() - 2 * HOUR),
    }).id;
    const seen: string[] = [];
    let cursor = '';
    // Bounded, so a fake that repeats pages fails here instead of looping.
    for (let round = 0; round < 10; round += 1) {
      const posts = await page(server, { limit: 2, cursor });
      if (posts.length === 0) break;
      seen.push(...posts.map((post) => post.id));
      cursor = posts.at(-1)?.id ?? '';
    }
    // Which twin is lost is velog's (here: the shuffle's) choice, not something to pin.
    expect(seen).toHaveLength(3);
    expect(seen).toEqual(expect.arrayContaining([newest, oldest]));
    expect(twins.filter((id) => seen.includes(id))).toHaveLength(1);
  });

  it('returns posts of equal released_at in an order that changes between requests', async () => {
    const ids = Array.from({ length: 5 }, () => fake.addPost({ userId: alice.id }).id);
    const orders = new Set<string>();
    for (let request = 0; request < 20; request += 1) {
      const posts = await page(server, {});
      expect(new Set(posts.map((post) => post.id))).toEqual(new Set(ids));
      orders.add(posts.map((post) => post.id).join());
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it("tieOrder 'id' makes ties repeat: newest id first", async () => {
    const ids = Array.from({ length: 5 }, () => fake.addPost({ userId: alice.id }).id);
    fake.setTieOrder('id');
    const byId = [...ids].sort().reverse();
    for (let request = 0; request < 3; request += 1) {
      expect((await page(server, {})).map((post) => post.id)).toEqual(byId);
    }
  });

  it('returns page 1 again for a cursor whose post was just deleted', async () => {
    const ids = addPosts(4);
    const first = await page(server, { limit: 2 });
    fake.deletePost(ids[1] ?? '');
    const again = await page(server, { limit: 2, cursor: ids[1] });
    expect(again.map((post) => post.id)).toEqual([ids[0], ids[2]]);
    expect(first.map((post) => post.id)).toEqual([ids[0], ids[1]]);
  });

  it('shows private posts only to their owner, and never drafts', async () => {
    const [pub] = addPosts(1);
    const priv = fake.addPost({ userId: alice.id, status: 'private', releasedAt: new Date(0) }).id;
    fake.addPost({ userId: alice.id, status: 'draft' });
    const owner = { access_token: fake.mintTokens(alice.id).accessToken };
    expect((await page(server, {})).map((post) => post.id)).toEqual([pub]);
    expect((await page(server, {}, owner)).map((post) => post.id)).toEqual([pub, priv]);
    fake.setPrivate(priv, false);
    expect((await page(server, {})).map((post) => post.id)).toEqual([pub, priv]);
  });
});

describe('likes and views change between calls', () => {
  it('reports new likes immediately on posts', async () => {
    const [id] = addPosts(1);
    fake.setLikes(id ?? '', 12);
    const result = await gql(fake.urls.v3, '{ posts(input: { username: "alice" }) { likes } }');
    expect(result.body).toEqual({ data: { posts: [{ likes: 12 }] } });
  });
});

describe('GET requests', () => {
  it('run queries from the URL as both servers allow', async () => {
    addPosts(1);
    const url = new URL(fake.urls.v2);
    url.searchParams.set('query', 'query ($u: String) { posts(username: $u) { is_private } }');
    url.searchParams.set('variables', JSON.stringify({ u: 'alice' }));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { posts: [{ is_private: false }] } });
  });
});
