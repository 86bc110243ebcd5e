import { describe, expect, it } from 'vitest';
import { FaultRegistry } from './faults.js';

const getStats = (postId: string | null = null) => [{ operation: 'getStats', postId }];

describe('FaultRegistry', () => {
  it('matches by operation, endpoint and post', () => {
    const faults = new FaultRegistry();
    faults.add({ operation: 'getStats', endpoint: 'v2', postId: 'p1', kind: 'reset' });
    expect(faults.takeEdge('v2', getStats('p2'))).toEqual([]);
    expect(faults.takeEdge('v2cdn', getStats('p1'))).toEqual([]);
    expect(faults.takeEdge('v2', [{ operation: 'posts', postId: 'p1' }])).toEqual([]);
    expect(faults.takeEdge('v2', getStats('p1'))).toHaveLength(1);
  });

  it("treats v2's auth as currentUser and '*' as anything", () => {
    const faults = new FaultRegistry();
    faults.add({ operation: 'currentUser', kind: 'hang' });
    faults.add({ operation: '*', endpoint: 'v3', kind: 'http-error', status: 503 });
    expect(faults.takeEdge('v2', [{ operation: 'auth', postId: null }])).toHaveLength(1);
    expect(faults.takeEdge('v3', [{ operation: '', postId: null }])).toMatchObject([
      { operation: '*', endpoint: 'v3', kind: 'http-error', status: 503 },
    ]);
  });

  it('fails the first N matching calls, then lets them through', () => {
    const faults = new FaultRegistry();
    faults.add({ operation: 'getStats', kind: 'http-error', times: 2 });
    expect(faults.takeEdge('v2', getStats())).toHaveLength(1);
    expect(faults.takeEdge('v3', [{ operation: 'posts', postId: null }])).toHaveLength(0);
    expect(faults.takeEdge('v2', getStats())).toHaveLength(1);
    expect(faults.takeEdge('v2', getStats())).toHaveLength(0);
  });

  it('keeps statement timeouts for the resolver, counted separately', () => {
    const faults = new FaultRegistry();
    faults.add({ operation: 'getStats', kind: 'statement-timeout', times: 1 });
    expect(faults.takeEdge('v2', getStats())).toEqual([]);
    expect(
      faults.takeStatementTimeout('v2', { operation: 'getStats', postId: null }),
    ).toMatchObject({ kind: 'statement-timeout' });
    expect(faults.takeStatementTimeout('v2', { operation: 'getStats', postId: null })).toBeNull();
  });

  it('clears one fault by id, or all', () => {
    const faults = new FaultRegistry();
    const a = faults.add({ operation: '*', kind: 'reset' });
    faults.add({ operation: '*', kind: 'hang' });
    faults.clear(a);
    expect(faults.takeEdge('v3', getStats()).map((f) => f.kind)).toEqual(['hang']);
    faults.clear();
    expect(faults.takeEdge('v3', getStats())).toEqual([]);
  });

  it('refuses nonsense', () => {
    const faults = new FaultRegistry();
    expect(() => faults.add({ operation: '*', kind: 'reset', times: 0 })).toThrow(RangeError);
    expect(() => faults.add({ operation: '*', kind: 'delay' })).toThrow(RangeError);
    expect(() => faults.add({ operation: '*', kind: 'reset', style: 'v2' })).toThrow(RangeError);
  });
});
