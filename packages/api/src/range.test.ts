import type { KstDate } from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { MAX_RANGE_DAYS, resolveRange } from './range.js';

const day = (value: string) => value as KstDate;
const today = day('2026-11-22');

describe('resolveRange', () => {
  it('defaults to the 30 days ending today', () => {
    expect(resolveRange({}, today)).toEqual({ from: '2026-10-24', to: '2026-11-22' });
  });

  it('fills the missing end from the given one', () => {
    expect(resolveRange({ to: day('2026-03-31') }, today)).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
    });
    expect(resolveRange({ from: day('2026-11-01') }, today)).toEqual({
      from: '2026-11-01',
      to: '2026-11-22',
    });
    expect(resolveRange({ from: today, to: today }, today)).toEqual({ from: today, to: today });
  });

  it('rejects a reversed range, a future end and an oversize span', () => {
    expect(() => resolveRange({ from: day('2026-11-10'), to: day('2026-11-01') }, today)).toThrow(
      expect.objectContaining({ code: 'invalid-range', status: 400 }),
    );
    expect(() => resolveRange({ to: day('2026-11-23') }, today)).toThrow(
      expect.objectContaining({ code: 'invalid-range', status: 400 }),
    );
    expect(() => resolveRange({ from: day('2026-11-23') }, today)).toThrow(
      expect.objectContaining({ code: 'invalid-range' }),
    );
    expect(() => resolveRange({ from: day('2020-01-01') }, today)).toThrow(
      expect.objectContaining({ code: 'range-too-long', status: 400 }),
    );
    expect(MAX_RANGE_DAYS).toBeGreaterThan(365 * 2);
  });
});
