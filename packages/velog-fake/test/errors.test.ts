import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVelogFake, type VelogFake } from '../src/index.js';
import { DOCS, gql, postRaw } from './http.js';

const NOW = new Date('2026-11-22T03:00:00Z');

let fake: VelogFake;
let aliceCookies: Record<string, string>;
let bobCookies: Record<string, string>;
let alicePost: string;

beforeEach(async () => {
  fake = await startVelogFake({ now: NOW });
  const alice = fake.addUser({ username: 'alice' });
  const bob = fake.addUser({ username: 'bob' });
  aliceCookies = { access_token: fake.mintTokens(alice.id).accessToken };
  bobCookies = { access_token: fake.mintTokens(bob.id).accessToken };
  alicePost = fake.addPost({ userId: alice.id, views: 3 }).id;
});

afterEach(async () => {
  await fake.close();
});

describe('v2 (Apollo 2) errors', () => {
  it('NO_PERMISSION at HTTP 200 for someone else and for nobody', async () => {
    for (const cookies of [bobCookies, {}]) {
      const result = await gql(fake.urls.v2, DOCS.statsTotal, { post_id: alicePost }, { cookies });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        errors: [
          {
            message: 'This post is not yours',
            locations: [{ line: 1, column: 33 }],
            path: ['getStats'],
            extensions: { code: 'NO_PERMISSION' },
          },
        ],
        data: { getStats: null },
      });
    }
  });

  it('NOT_FOUND for a post that does not exist or was deleted', async () => {
    fake.deletePost(alicePost);
    const result = await gql(
      fake.urls.v2,
      DOCS.statsTotal,
      { post_id: alicePost },
      {
        cookies: aliceCookies,
      },
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      errors: [{ message: 'Post not found', extensions: { code: 'NOT_FOUND' } }],
      data: { getStats: null },
    });
  });

  it('BAD_REQUEST at HTTP 200 for a limit over 100', async () => {
    const result = await gql(fake.urls.v2, DOCS.v2Posts, { username: 'alice', limit: 101 });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      errors: [
        { message: 'Max limit is 100', path: ['posts'], extensions: { code: 'BAD_REQUEST' } },
      ],
      data: { posts: null },
    });
  });

  it('INTERNAL_SERVER_ERROR at HTTP 200 for a cursor that is not a UUID', async () => {
    const result = await gql(fake.urls.v2, DOCS.v2Posts, { username: 'alice', cursor: 'nope' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { code: '22P02' } } }],
      data: { posts: null },
    });
  });

  it('UNAUTHENTICATED and NO_PERMISSION at HTTP 200 for drafts of someone else', async () => {
    const doc = 'query ($u: String) { posts(username: $u, temp_only: true) { id } }';
    const nobody = await gql(fake.urls.v2, doc, { u: 'alice' });
    expect(nobody.status).toBe(200);
    expect(nobody.body).toMatchObject({
      errors: [{ message: 'Not logged in', extensions: { code: 'UNAUTHENTICATED' } }],
      data: { posts: null },
    });
    const other = await gql(fake.urls.v2, doc, { u: 'alice' }, { cookies: bobCookies });
    expect(other.body).toMatchObject({ errors: [{ extensions: { code: 'NO_PERMISSION' } }] });
  });

  it('parse and validation failures are HTTP 400 with no data', async () => {
    const parse = await gql(fake.urls.v2, '{ getStats(');
    expect(parse.status).toBe(400);
    expect(parse.body).toMatchObject({
      errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
    expect(parse.body).not.toHaveProperty('data');
    const invalid = await gql(fake.urls.v2, DOCS.statsTotal.replace('total', 'total views'), {
      post_id: alicePost,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      errors: [
        {
          message: 'Cannot query field "views" on type "Stats".',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
    expect(invalid.body).not.toHaveProperty('data');
  });

  it('a missing query is a 400 as well', async () => {
    const result = await postRaw(fake.urls.v2, '{}');
    expect(result.status).toBe(400);
  });
});

describe('v3 (Mercurius) errors', () => {
  it('a known error carries its status and the body has no data key', async () => {
    const result = await gql(fake.urls.v3, DOCS.velogPosts, {
      input: { username: 'alice', limit: 101 },
    });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      errors: [
        {
          message: 'Max limit is 100',
          locations: [{ line: 2, column: 3 }],
          path: ['posts'],
          extensions: { name: 'bad request', message: 'Max limit is 100' },
        },
      ],
    });
  });

  it('temp_only for someone else is a 403, for nobody a 401', async () => {
    const input = { username: 'alice', temp_only: true };
    const other = await gql(fake.urls.v3, DOCS.velogPosts, { input }, { cookies: bobCookies });
    expect(other.status).toBe(403);
    const nobody = await gql(fake.urls.v3, DOCS.velogPosts, { input });
    expect(nobody.status).toBe(401);
    expect(nobody.body).not.toHaveProperty('data');
  });

  it('a database error is HTTP 500 with data: null', async () => {
    const result = await gql(fake.urls.v3, DOCS.velogPosts, {
      input: { username: 'alice', cursor: 'x' },
    });
    expect(result.status).toBe(500);
    expect(result.body).toMatchObject({ data: null, errors: [{ path: ['posts'] }] });
    expect(result.text).toContain('22P02');
  });

  it.each([
    ['a field velog does not have', { query: '{ currentUser { id password } }' }],
    ['a document that does not parse', { query: '{ currentUser {' }],
    ['a missing required variable', { query: DOCS.velogPosts, variables: {} }],
    ['a variable of the wrong type', { query: DOCS.velogPosts, variables: { input: 5 } }],
    ['an unknown operation name', { query: DOCS.currentUser, operationName: 'nope' }],
    ['no query', {}],
    ['a query that is not a string', { query: 5 }],
    ['variables that are not an object', { query: DOCS.currentUser, variables: '[' }],
  ])('%s is HTTP 200 with an empty body: no resolver ran', async (_, payload) => {
    const result = await postRaw(fake.urls.v3, JSON.stringify(payload));
    expect(result.status).toBe(200);
    expect(result.text).toBe('');
    expect(result.contentType).toBeNull();
    const [entry] = fake.journal();
    expect(entry?.status).toBe(200);
  });
});

describe('routing', () => {
  it('answers 404 off the three endpoints and does not journal it', async () => {
    const result = await fetch(fake.urls.v3.replace('/v3/graphql', '/graphql'));
    expect(result.status).toBe(404);
    await result.text();
    expect(fake.journal()).toEqual([]);
  });
});

describe('the schema-drift fault: velog changed, our document no longer validates', () => {
  it('is an empty 200 on v3 and a GRAPHQL_VALIDATION_FAILED 400 on v2, as any invalid document', async () => {
    fake.injectFault({ operation: 'posts', kind: 'schema-drift', times: 1 });
    fake.injectFault({ operation: 'getStats', kind: 'schema-drift', times: 1 });
    const posts = await gql(fake.urls.v3, DOCS.velogPosts, { input: { username: 'alice' } });
    expect(posts.status).toBe(200);
    expect(posts.text).toBe('');
    const stats = await gql(
      fake.urls.v2,
      DOCS.statsTotal,
      { post_id: alicePost },
      {
        cookies: aliceCookies,
      },
    );
    expect(stats.status).toBe(400);
    expect(stats.body).toMatchObject({
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    // Used up: the same requests are answered again.
    const again = await gql(fake.urls.v3, DOCS.velogPosts, { input: { username: 'alice' } });
    expect(again.body).toMatchObject({ data: { posts: [{ id: alicePost }] } });
  });
});
