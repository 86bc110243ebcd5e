import { type KstDate, kstDaysBetween } from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { parseCustomRange, resolveRange } from './range.js';

const today = '2026-11-23' as KstDate;

describe('resolveRange', () => {
  it('ends presets on today and counts today as one of the days', () => {
    const week = resolveRange({ kind: 'preset', preset: 7 }, today, null);
    expect(week).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(kstDaysBetween(week.from, week.to) + 1).toBe(7);
    expect(resolveRange({ kind: 'preset', preset: 365 }, today, null).from).toBe('2025-11-24');
  });

  it('starts "all" at the first day on record, or a year back without one', () => {
    const first = '2025-05-02' as KstDate;
    expect(resolveRange({ kind: 'preset', preset: 'all' }, today, first)).toEqual({
      from: '2025-05-02',
      to: '2026-11-23',
    });
    expect(resolveRange({ kind: 'preset', preset: 'all' }, today, null).from).toBe('2025-11-24');
    // A writer whose first snapshot is today still gets a real range rather than one day.
    expect(resolveRange({ kind: 'preset', preset: 'all' }, today, today).from).toBe('2025-11-24');
    // The API serves at most 1100 days, so a very old first day is cut to that.
    const all = resolveRange({ kind: 'preset', preset: 'all' }, today, '2020-01-01' as KstDate);
    expect(kstDaysBetween(all.from, all.to) + 1).toBe(1100);
  });

  it('keeps a custom range as chosen', () => {
    const choice = {
      kind: 'custom',
      from: '2026-01-01' as KstDate,
      to: '2026-02-01' as KstDate,
    } as const;
    expect(resolveRange(choice, today, null)).toEqual({ from: '2026-01-01', to: '2026-02-01' });
  });
});

describe('parseCustomRange', () => {
  it('accepts a forward range that ends by today', () => {
    expect(parseCustomRange('2026-11-01', '2026-11-23', today)).toEqual({
      from: '2026-11-01',
      to: '2026-11-23',
    });
    expect(parseCustomRange('2026-11-05', '2026-11-05', today)).not.toBeNull();
  });

  it('rejects backwards, future and impossible dates', () => {
    expect(parseCustomRange('2026-11-10', '2026-11-01', today)).toBeNull();
    expect(parseCustomRange('2026-11-01', '2026-11-24', today)).toBeNull();
    expect(parseCustomRange('2026-02-30', '2026-03-01', today)).toBeNull();
    expect(parseCustomRange('', '2026-03-01', today)).toBeNull();
    expect(parseCustomRange('2020-01-01', '2026-11-23', today)).toBeNull();
  });
});
