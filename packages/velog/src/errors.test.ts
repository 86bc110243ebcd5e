import { describe, expect, it } from 'vitest';
import { readGraphqlResponse, VelogError } from './errors.js';

function kindOf(status: number, body: unknown): string {
  const result = readGraphqlResponse({
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return result instanceof VelogError ? result.kind : 'data';
}

describe('reading velog answers (velog-api.md §4)', () => {
  it('returns the data of a good answer, including a null currentUser', () => {
    expect(readGraphqlResponse({ status: 200, body: '{"data":{"currentUser":null}}' })).toEqual({
      currentUser: null,
    });
  });

  it('treats HTML, 5xx and statement timeouts in both server styles as transient', () => {
    expect(kindOf(502, '<html><body>Bad Gateway</body></html>')).toBe('transient');
    expect(kindOf(503, '<html></html>')).toBe('transient');
    expect(kindOf(200, '<!doctype html>')).toBe('transient');
    expect(
      kindOf(200, {
        errors: [
          {
            message: 'canceling statement due to statement timeout',
            extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { code: '57014' } },
          },
        ],
        data: { getStats: null },
      }),
    ).toBe('transient');
    expect(
      kindOf(500, {
        data: null,
        errors: [{ message: 'canceling statement due to statement timeout' }],
      }),
    ).toBe('transient');
    expect(kindOf(500, { data: null, errors: [{ message: 'boom' }] })).toBe('transient');
  });

  it('reads NO_PERMISSION as signed out and NOT_FOUND as gone', () => {
    const notYours = {
      errors: [{ message: 'This post is not yours', extensions: { code: 'NO_PERMISSION' } }],
      data: { getStats: null },
    };
    expect(kindOf(200, notYours)).toBe('signed-out');
    const missing = {
      errors: [{ message: 'Post not found', extensions: { code: 'NOT_FOUND' } }],
      data: { getStats: null },
    };
    expect(kindOf(200, missing)).toBe('not-found');
    expect(
      kindOf(404, { errors: [{ message: 'x', extensions: { name: 'not found', message: 'x' } }] }),
    ).toBe('not-found');
  });

  it('reads bad requests, validation failures and a refused Origin as our bug', () => {
    expect(
      kindOf(400, {
        errors: [
          {
            message: 'Max limit is 100',
            path: ['posts'],
            extensions: { name: 'bad request', message: 'Max limit is 100' },
          },
        ],
      }),
    ).toBe('rejected');
    expect(
      kindOf(200, {
        errors: [{ message: 'Max limit is 100', extensions: { code: 'BAD_REQUEST' } }],
        data: { posts: null },
      }),
    ).toBe('rejected');
    expect(
      kindOf(400, {
        errors: [
          { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ],
      }),
    ).toBe('rejected');
    expect(kindOf(403, { message: 'Not allow origin', name: 'forbidden' })).toBe('rejected');
  });
});
