import { openStatsMonth, type StatsMonth } from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { MonthCache } from './month-cache.js';

function monthWithPosts(month: string, posts: number): StatsMonth {
  const value = openStatsMonth('w', month, null);
  for (let idx = 0; idx < posts; idx += 1) {
    value.posts[String(idx)] = { id: `p${idx}`, v: 0, l: 0, f: `${month}-01` as never };
  }
  return value;
}

describe('MonthCache', () => {
  it('answers only for the token a month was read under', () => {
    const cache = new MonthCache();
    const month = monthWithPosts('2026-10', 3);
    cache.set('w:2026-10', 'newest@1', month);
    expect(cache.get('w:2026-10', 'newest@1')?.month).toBe(month);
    expect(cache.get('w:2026-10', 'newest@2')).toBeUndefined();
  });

  it('drops the least recently used months once they weigh more than the bound', () => {
    const cache = new MonthCache();
    // 26 months of a 2,000-post writer weigh past 50,000 post-months.
    for (let n = 0; n < 26; n += 1) {
      cache.set(
        `w:${n}`,
        't',
        monthWithPosts(`2026-${String((n % 12) + 1).padStart(2, '0')}`, 2_000),
      );
      if (n === 0) continue;
      // Month 0 is used after every insert, so it stays.
      expect(cache.get('w:0', 't')).toBeDefined();
    }
    expect(cache.get('w:0', 't')).toBeDefined();
    expect(cache.get('w:1', 't')).toBeUndefined();
    expect(cache.get('w:25', 't')).toBeDefined();
  });
});
