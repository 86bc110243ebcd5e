import { describe, expect, it } from 'vitest';
import { summarise } from './stats.js';

describe('summarise', () => {
  it('takes the nearest-rank median and 95th percentile', () => {
    expect(summarise([5, 1, 3])).toEqual({ median: 3, p95: 5, runs: 3 });
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(summarise(hundred)).toEqual({ median: 50, p95: 95, runs: 100 });
  });

  it('refuses an empty sample rather than inventing a figure', () => {
    expect(() => summarise([])).toThrow(RangeError);
  });
});
