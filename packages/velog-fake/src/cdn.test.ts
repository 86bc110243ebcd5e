import { describe, expect, it } from 'vitest';
import { CdnCache, isCacheable } from './cdn.js';

const response = { status: 200, contentType: 'application/json', body: '{"data":{}}' };

describe('CdnCache', () => {
  it('is fresh for 900 s, stale for 900 s more, then gone', () => {
    const cache = new CdnCache();
    const key = CdnCache.key('token', 'POST', '/v2cdn/graphql', '{}');
    cache.store(key, response, 0);
    expect(cache.lookup(key, 899_999).state).toBe('fresh');
    expect(cache.lookup(key, 900_000).state).toBe('stale');
    expect(cache.lookup(key, 1_799_999).state).toBe('stale');
    expect(cache.lookup(key, 1_800_000).state).toBe('miss');
  });

  it('honours other windows', () => {
    const cache = new CdnCache({ freshSeconds: 10, staleSeconds: 0 });
    cache.store('k', response, 0);
    expect(cache.lookup('k', 9_999).state).toBe('fresh');
    expect(cache.lookup('k', 10_000).state).toBe('miss');
  });

  it('keys on the access token and the request', () => {
    const a = CdnCache.key('token-a', 'POST', '/v2cdn/graphql', '{"q":1}');
    expect(CdnCache.key('token-b', 'POST', '/v2cdn/graphql', '{"q":1}')).not.toBe(a);
    expect(CdnCache.key(undefined, 'POST', '/v2cdn/graphql', '{"q":1}')).not.toBe(a);
    expect(CdnCache.key('token-a', 'POST', '/v2cdn/graphql', '{"q":2}')).not.toBe(a);
    expect(CdnCache.key('token-a', 'POST', '/v2cdn/graphql', '{"q":1}')).toBe(a);
  });

  it('keeps only HTTP 200 answers without errors', () => {
    expect(isCacheable(200, '{"data":{"getStats":{"total":1}}}')).toBe(true);
    expect(isCacheable(200, '{"errors":[],"data":{"getStats":null}}')).toBe(false);
    expect(isCacheable(400, '{"data":null}')).toBe(false);
    expect(isCacheable(200, '<html>')).toBe(false);
  });
});
