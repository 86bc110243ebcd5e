import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DailyGain } from '../models/daily-gain.js';
import { addKstDays } from '../time/kst.js';
import { bestDay, postViewsOn } from './highlights.js';
import { day, kst, reading, WriterSimulator } from './simulate.test-helper.js';

const figure = (n: number, views: number | null): DailyGain => ({
  day: addKstDays(day('2026-11-01'), n),
  views,
  likes: null,
  totalViews: null,
  totalLikes: null,
  correction: false,
  partial: false,
  gap: views === null ? { days: 2, views: 1_000, likes: 0 } : null,
});

describe('bestDay', () => {
  it('is the day with the most views, the earliest of equals, never a gap’s growth', () => {
    expect(bestDay([figure(0, 5), figure(1, 9), figure(2, null), figure(3, 9)])).toEqual({
      day: '2026-11-02',
      views: 9,
    });
    expect(bestDay([figure(0, null)])).toBeNull();
  });

  it('is at least every known day, and one of them', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(500), { nil: null }), { maxLength: 40 }), (values) => {
        const days = values.map((views, n) => figure(n, views));
        const best = bestDay(days);
        const known = values.filter((views): views is number => views !== null);
        if (known.length === 0) {
          expect(best).toBeNull();
          return;
        }
        expect(best?.views).toBe(Math.max(...known));
        expect(days.find((d) => d.day === best?.day)?.views).toBe(best?.views);
      }),
    );
  });
});

describe('postViewsOn', () => {
  it('lists the posts’ daily views of a day, most first, leaving out spans', () => {
    const writer = new WriterSimulator();
    writer.scrape(kst('2026-11-01', '23:00'), [reading('a', 10), reading('b', 10)]);
    writer.scrape(kst('2026-11-02', '23:00'), [reading('a', 12), reading('b', 20)]);
    // b missed on 11-03: its growth arrives on 11-04 as a span, no one day's.
    writer.scrape(kst('2026-11-03', '23:00'), [reading('a', 13)]);
    writer.scrape(kst('2026-11-04', '23:00'), [reading('a', 15), reading('b', 30)]);
    expect(postViewsOn(writer.index(), day('2026-11-02'))).toEqual([
      { postId: 'b', views: 10 },
      { postId: 'a', views: 2 },
    ]);
    expect(postViewsOn(writer.index(), day('2026-11-04'))).toEqual([{ postId: 'a', views: 2 }]);
  });
});
