import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wakingUp } from './waking-up.js';

const days = (count: number, views: number | null) => Array.from({ length: count }, () => views);
const anyDay = fc.option(fc.nat(200), { nil: null, freq: 4 });
const baseline = fc.array(anyDay, { minLength: 28, maxLength: 28 });
const window = fc.array(anyDay, { minLength: 7, maxLength: 7 });

describe('wakingUp', () => {
  it('flags a week at three times the usual and at least 20 views more', () => {
    // Usually 2 a day: a normal week is 14; 42 is three times that and 28 more.
    expect(wakingUp(days(28, 2), days(7, 6))).toEqual({ recent: 42, usual: 2 });
    expect(wakingUp(days(28, 2), [...days(6, 6), 5])).toBeNull();
    // From nothing to 19 views is three times nothing, but not 20 more.
    expect(wakingUp(days(28, 0), [19, ...days(6, 0)])).toBeNull();
    expect(wakingUp(days(28, 0), [20, ...days(6, 0)])).toEqual({ recent: 20, usual: 0 });
  });

  it('needs 14 observed days to know a post’s normal, and never counts a gap as zero', () => {
    const halfSeen = [...days(13, 0), ...days(15, null)];
    expect(wakingUp(halfSeen, days(7, 100))).toBeNull();
    expect(wakingUp([...days(14, 1), ...days(14, null)], days(7, 100))).toEqual({
      recent: 700,
      usual: 1,
    });
  });

  it('is never raised by fewer views: more views in the window can only keep it flagged', () => {
    fc.assert(
      fc.property(baseline, window, fc.nat(6), fc.nat(100), (before, recent, at, extra) => {
        const more = recent.map((views, n) => (n === at ? (views ?? 0) + extra : views));
        if (wakingUp(before, recent) !== null) expect(wakingUp(before, more)).not.toBeNull();
      }),
    );
  });

  it('flags only with enough known days and a clear rise', () => {
    fc.assert(
      fc.property(baseline, window, (before, recent) => {
        const verdict = wakingUp(before, recent);
        if (verdict === null) return;
        expect(before.filter((views) => views !== null).length).toBeGreaterThanOrEqual(14);
        const known = recent.reduce<number>((sum, views) => sum + (views ?? 0), 0);
        expect(verdict.recent).toBe(known);
        expect(verdict.recent).toBeGreaterThanOrEqual(3 * 7 * verdict.usual);
        expect(verdict.recent - 7 * verdict.usual).toBeGreaterThanOrEqual(20);
      }),
    );
  });
});
