import { describe, expect, it } from 'vitest';
import { currentStats, encodeDay, kstDateOf, legacyStats } from './stats.js';

describe('KST days', () => {
  it('puts 23:59:59 KST and 00:00:01 KST on different days', () => {
    expect(kstDateOf(new Date('2026-11-22T14:59:59Z'))).toBe('2026-11-22');
    expect(kstDateOf(new Date('2026-11-22T15:00:01Z'))).toBe('2026-11-23');
  });

  it('encodes a day both ways velog did, which read back to the same KST date', () => {
    expect(encodeDay('2026-11-23', 'utc-midnight')).toBe('2026-11-23T00:00:00.000Z');
    expect(encodeDay('2026-11-23', 'kst-midnight-as-utc')).toBe('2026-11-22T15:00:00.000Z');
    expect(kstDateOf(new Date(encodeDay('2026-11-23', 'utc-midnight')))).toBe('2026-11-23');
    expect(kstDateOf(new Date(encodeDay('2026-11-23', 'kst-midnight-as-utc')))).toBe('2026-11-23');
    expect(encodeDay('2026-03-01', 'kst-midnight-as-utc')).toBe('2026-02-28T15:00:00.000Z');
  });
});

describe('getStats answers', () => {
  it('current mode: the counter and no days', () => {
    expect(currentStats(42)).toEqual({ total: 42, count_by_day: [] });
  });

  it('legacy mode: one row per KST day with reads, newest first, gaps absent', () => {
    const reads = [
      { at: new Date('2026-11-19T16:00:00Z'), count: 4 }, // 11-20 01:00 KST
      { at: new Date('2026-11-20T14:59:59Z'), count: 1 }, // 11-20 23:59:59 KST
      { at: new Date('2026-11-20T15:00:01Z'), count: 2 }, // 11-21 00:00:01 KST
      { at: new Date('2026-11-22T02:00:00Z'), count: 3 }, // 11-22
    ];
    const now = new Date('2026-11-22T05:00:00Z');
    expect(legacyStats(reads, now, 'utc-midnight')).toEqual({
      total: 10,
      count_by_day: [
        { count: 3, day: '2026-11-22T00:00:00.000Z' },
        { count: 2, day: '2026-11-21T00:00:00.000Z' },
        { count: 5, day: '2026-11-20T00:00:00.000Z' },
      ],
    });
    expect(legacyStats(reads, now, 'kst-midnight-as-utc').count_by_day[0]).toEqual({
      count: 3,
      day: '2026-11-21T15:00:00.000Z',
    });
  });

  it('legacy mode: no row for today before its first read, and none for the future', () => {
    const reads = [
      { at: new Date('2026-11-22T14:00:00Z'), count: 1 },
      { at: new Date('2026-11-22T15:00:01Z'), count: 7 },
    ];
    const before = legacyStats(reads, new Date('2026-11-22T14:59:59Z'), 'utc-midnight');
    expect(before.count_by_day.map((row) => row.day)).toEqual(['2026-11-22T00:00:00.000Z']);
    expect(before.total).toBe(1);
    const after = legacyStats(reads, new Date('2026-11-22T15:00:02Z'), 'utc-midnight');
    expect(after.count_by_day[0]).toEqual({ count: 7, day: '2026-11-23T00:00:00.000Z' });
  });

  it('legacy mode: reads before 2024-01-01 KST were purged', () => {
    const reads = [
      { at: new Date('2023-12-31T14:59:59Z'), count: 100 },
      { at: new Date('2023-12-31T15:00:00Z'), count: 1 },
    ];
    expect(legacyStats(reads, new Date('2026-01-01T00:00:00Z'), 'utc-midnight')).toEqual({
      total: 1,
      count_by_day: [{ count: 1, day: '2024-01-01T00:00:00.000Z' }],
    });
  });
});
