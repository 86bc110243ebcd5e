import type { KstDate } from '@velog-insights/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  formatChange,
  formatCompact,
  formatInstantAsKstDay,
  formatKstDateTime,
  formatKstDay,
  formatNumber,
  MISSING,
} from './format.js';

const hostZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = hostZone;
});

describe('numbers', () => {
  it('groups digits and shows a missing figure as a dash, not a zero', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'ko')).toBe('1,234,567');
    expect(formatNumber(0, 'en')).toBe('0');
    expect(formatNumber(null, 'ko')).toBe(MISSING);
  });

  it('shortens axis labels in each language', () => {
    expect(formatCompact(12_345, 'en')).toBe('12.3K');
    expect(formatCompact(12_345, 'ko')).toBe('1.2만');
    expect(formatCompact(800, 'en')).toBe('800');
  });

  it('signs week-over-week changes', () => {
    expect(formatChange(0.253, 'en')).toBe('+25.3%');
    expect(formatChange(-0.1, 'en')).toBe('−10%');
    expect(formatChange(0, 'en')).toBe('0%');
    expect(formatChange(null, 'en')).toBe(MISSING);
  });
});

describe('KST dates', () => {
  // 2026-11-22T15:30Z is 00:30 on the 23rd in Seoul but still the 22nd in UTC and LA.
  const lateUtc = new Date('2026-11-22T15:30:00.000Z');

  for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Seoul']) {
    it(`labels instants in KST whatever the host zone (${zone})`, () => {
      process.env.TZ = zone;
      expect(formatKstDateTime(lateUtc)).toBe('2026-11-23 00:30 KST');
      expect(formatInstantAsKstDay(lateUtc, 'en')).toBe('Nov 23, 2026');
    });
  }

  it('writes days in the reader’s language', () => {
    expect(formatKstDay('2026-11-23' as KstDate, 'en')).toBe('Nov 23, 2026');
    expect(formatKstDay('2026-11-23' as KstDate, 'ko')).toBe('2026년 11월 23일');
    expect(formatInstantAsKstDay(null, 'en')).toBe(MISSING);
  });
});
