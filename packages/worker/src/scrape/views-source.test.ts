import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listingAgrees, readsEveryPost, rotatingSample } from './views-source.js';

describe('checking the listing’s views against getStats', () => {
  it('accepts a listing ahead of getStats (a cached total) and the reads of a moment behind it', () => {
    expect(listingAgrees(1_000, 1_000)).toBe(true);
    expect(listingAgrees(1_500, 1_000)).toBe(true);
    expect(listingAgrees(995, 1_000)).toBe(true);
    expect(listingAgrees(994, 1_000)).toBe(false);
    expect(listingAgrees(99_000, 100_000)).toBe(false);
    expect(listingAgrees(null, 0)).toBe(false);
  });

  it('never agrees with a listing far behind, however large the counter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (total) => {
        expect(listingAgrees(total, total)).toBe(true);
        expect(listingAgrees(Math.floor(total * 0.9) - 6, total)).toBe(false);
      }),
    );
  });

  it('visits every stored post once in as many runs, whatever the order they are stored in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 40 }),
        fc.nat(1_000),
        (ids, start) => {
          const seen = new Set<string>();
          for (let run = start; run < start + ids.length; run += 1) {
            seen.add(rotatingSample([...ids].reverse(), run) as string);
          }
          expect(seen).toEqual(new Set(ids));
        },
      ),
    );
    expect(rotatingSample([], 3)).toBeNull();
  });

  it('reads every post from the start only when told to, or after the listing disagreed', () => {
    expect(readsEveryPost('never', undefined)).toBe(true);
    expect(readsEveryPost('auto', 'getStats')).toBe(true);
    expect(readsEveryPost('auto', 'listing')).toBe(false);
    expect(readsEveryPost('auto', undefined)).toBe(false);
    expect(readsEveryPost('always', 'getStats')).toBe(false);
  });
});
