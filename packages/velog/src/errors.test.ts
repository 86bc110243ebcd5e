import { describe, expect, it } from 'vitest';
import { readGraphqlResponse, type ServerStyle, VelogError } from './errors.js';

function read(status: number, body: unknown, server: ServerStyle = 'v2', operation = 'GetStats') {
  return readGraphqlResponse(
    { status, body: typeof body === 'string' ? body : JSON.stringify(body) },
    { server, operation },
  );
}

function kindOf(status: number, body: unknown, server: ServerStyle = 'v2'): string {
  const result = read(status, body, server);
  return result instanceof VelogError ? result.kind : 'data';
}

describe('reading velog answers (velog-api.md §4)', () => {
  it('returns the data of a good answer, including a null currentUser', () => {
    expect(read(200, '{"data":{"currentUser":null}}', 'v3', 'currentUser')).toEqual({
      currentUser: null,
    });
  });

  it('treats HTML, 5xx and statement timeouts in both server styles as transient', () => {
    expect(kindOf(502, '<html><body>Bad Gateway</body></html>')).toBe('transient');
    expect(kindOf(503, '<html></html>')).toBe('transient');
    expect(kindOf(502, '<html><body>Bad Gateway</body></html>', 'v3')).toBe('transient');
    // An edge page in front of v2 or the CDN, not a document velog refused.
    expect(kindOf(200, '<!doctype html>', 'v2')).toBe('transient');
    expect(kindOf(200, '', 'v2')).toBe('transient');
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

  it('reads bad requests and a refused Origin as our bug', () => {
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
    expect(kindOf(403, { message: 'Not allow origin', name: 'forbidden' }, 'v3')).toBe('rejected');
  });

  it('reads v3’s empty or non-JSON 200 as a schema mismatch naming the operation', () => {
    for (const body of ['', '  \n', '<html>ok</html>']) {
      const result = read(200, body, 'v3', 'velogPosts');
      expect(result).toBeInstanceOf(VelogError);
      expect(result).toMatchObject({
        kind: 'schema-mismatch',
        code: 'velog-schema-mismatch',
        status: 502,
        operation: 'velogPosts',
      });
    }
    expect((read(200, '', 'v3', 'velogPosts') as VelogError).message).toBe(
      "velog's answer to velogPosts no longer matches our query (empty 200): velog changed; please report",
    );
    expect((read(200, '<html>ok</html>', 'v3', 'currentUser') as VelogError).message).toContain(
      'currentUser no longer matches our query (non-JSON 200)',
    );
  });

  it('reads v2’s parse and validation failures as a schema mismatch', () => {
    for (const code of ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']) {
      const result = read(400, {
        errors: [{ message: 'Cannot query field "nope" on type "Stats".', extensions: { code } }],
      });
      expect(result).toMatchObject({ kind: 'schema-mismatch', operation: 'GetStats' });
      expect((result as VelogError).message).toContain(`${code}: Cannot query field`);
    }
  });

  it('names the operation on every error it reads', () => {
    expect(read(503, '<html></html>', 'v3', 'currentUser')).toMatchObject({
      kind: 'transient',
      operation: 'currentUser',
    });
  });
});
