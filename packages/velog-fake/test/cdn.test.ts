import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVelogFake, type VelogFake } from '../src/index.js';
import { cookiesSet, DOCS, gql } from './http.js';

const NOW = new Date('2026-11-22T03:00:00Z');
const SECOND = 1000;

let fake: VelogFake;
let alice: { id: string };
let postId: string;

beforeEach(async () => {
  fake = await startVelogFake({ now: NOW });
  alice = fake.addUser({ username: 'alice' });
  postId = fake.addPost({ userId: alice.id, views: 10 }).id;
});

afterEach(async () => {
  await fake.close();
});

const total = (body: unknown) =>
  (body as { data: { getStats: { total: number } } }).data.getStats.total;

describe('the v2cdn cache emulator', () => {
  it('serves a hit from the cache: an old total, no Set-Cookie, no call to v2', async () => {
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 60 });
    fake.advance(61 * SECOND);
    const cookies = { access_token: tokens.accessToken, refresh_token: tokens.refreshToken };
    const miss = await gql(fake.urls.v2cdn, DOCS.statsTotal, { post_id: postId }, { cookies });
    expect(total(miss.body)).toBe(10);
    expect(miss.setCookie).toHaveLength(4);

    fake.addReads(postId, 5);
    fake.advance(899 * SECOND);
    const hit = await gql(fake.urls.v2cdn, DOCS.statsTotal, { post_id: postId }, { cookies });
    expect(total(hit.body)).toBe(10);
    expect(hit.setCookie).toEqual([]);
    const origin = await gql(
      fake.urls.v2,
      DOCS.statsTotal,
      { post_id: postId },
      {
        cookies: cookiesSet(miss.setCookie),
      },
    );
    expect(total(origin.body)).toBe(15);
    expect(fake.journal().map((entry) => [entry.endpoint, entry.cacheHit])).toEqual([
      ['v2cdn', false],
      ['v2cdn', true],
      ['v2', undefined],
    ]);
  });

  it('serves stale for another 900 s while revalidating, then misses', async () => {
    const cookies = {
      access_token: fake.mintTokens(alice.id, { accessTtlSeconds: 86400 }).accessToken,
    };
    const ask = () => gql(fake.urls.v2cdn, DOCS.statsTotal, { post_id: postId }, { cookies });
    expect(total((await ask()).body)).toBe(10);
    fake.addReads(postId, 5);
    fake.advance(900 * SECOND);
    expect(total((await ask()).body)).toBe(10); // stale, revalidated behind the scenes
    expect(total((await ask()).body)).toBe(15); // the revalidated answer, fresh
    fake.addReads(postId, 1);
    fake.advance(1800 * SECOND);
    const expired = await ask();
    expect(total(expired.body)).toBe(16);
    expect(fake.journal().map((entry) => entry.cacheHit)).toEqual([false, true, true, false]);
  });

  it('keys on the access_token cookie: another token is a miss', async () => {
    const a = { access_token: fake.mintTokens(alice.id).accessToken };
    fake.advance(SECOND);
    const b = { access_token: fake.mintTokens(alice.id).accessToken };
    await gql(fake.urls.v2cdn, DOCS.statsTotal, { post_id: postId }, { cookies: a });
    fake.addReads(postId, 1);
    const other = await gql(fake.urls.v2cdn, DOCS.statsTotal, { post_id: postId }, { cookies: b });
    expect(total(other.body)).toBe(11);
    const otherDoc = await gql(
      fake.urls.v2cdn,
      DOCS.statsDays,
      { post_id: postId },
      { cookies: a },
    );
    expect(total(otherDoc.body)).toBe(11);
    expect(fake.journal().map((entry) => entry.cacheHit)).toEqual([false, false, false]);
  });

  it('does not keep errors', async () => {
    const tokens = fake.mintTokens(alice.id);
    const cookies = { access_token: tokens.accessToken };
    fake.injectFault({ operation: 'getStats', kind: 'statement-timeout', times: 1 });
    const failed = await gql(fake.urls.v2cdn, DOCS.statsTotal, { post_id: postId }, { cookies });
    expect(failed.body).toMatchObject({ data: { getStats: null } });
    const retried = await gql(fake.urls.v2cdn, DOCS.statsTotal, { post_id: postId }, { cookies });
    expect(total(retried.body)).toBe(10);
    expect(fake.journal().map((entry) => entry.cacheHit)).toEqual([false, false]);
  });

  it('honours other windows, and clearCdn forgets everything', async () => {
    await fake.close();
    fake = await startVelogFake({ now: NOW, cdn: { freshSeconds: 60, staleSeconds: 0 } });
    alice = fake.addUser({ username: 'alice' });
    postId = fake.addPost({ userId: alice.id, views: 1 }).id;
    const cookies = { access_token: fake.mintTokens(alice.id).accessToken };
    const ask = () => gql(fake.urls.v2cdn, DOCS.statsTotal, { post_id: postId }, { cookies });
    await ask();
    fake.addReads(postId, 1);
    expect(total((await ask()).body)).toBe(1);
    fake.advance(60 * SECOND);
    expect(total((await ask()).body)).toBe(2);
    fake.addReads(postId, 1);
    fake.clearCdn();
    expect(total((await ask()).body)).toBe(3);
  });
});
