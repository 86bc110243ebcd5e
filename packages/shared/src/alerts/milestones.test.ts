import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { milestonesPassed, passedMilestone, VIEW_MILESTONES } from './milestones.js';

describe('view milestones', () => {
  it('names the milestone a reading passed, the highest when it passed two', () => {
    expect(passedMilestone(99, 100)).toBe(100);
    expect(passedMilestone(100, 150)).toBeNull();
    expect(passedMilestone(90, 1_200)).toBe(1_000);
    expect(passedMilestone(50, 20_000)).toBe(10_000);
    expect(passedMilestone(9_999, 10_000)).toBe(10_000);
  });

  it('alerts for nothing on a post we had never read, or did not read this time', () => {
    expect(passedMilestone(null, 5_000)).toBeNull();
    expect(passedMilestone(50, null)).toBeNull();
    expect(milestonesPassed([{ postId: 'old', before: null, after: 12_000 }])).toEqual([]);
  });

  it('passes each milestone once over any series of readings', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30_000), { minLength: 1, maxLength: 30 }), (readings) => {
        // Stored views are a high-water mark: a lower reading never lowers "before".
        let stored: number | null = null;
        const alerts: number[] = [];
        for (const reading of readings) {
          const milestone = passedMilestone(stored, reading);
          if (milestone !== null) alerts.push(milestone);
          stored = Math.max(stored ?? 0, reading);
        }
        expect(new Set(alerts).size).toBe(alerts.length);
        const first = readings[0] as number;
        const highest = Math.max(...readings);
        for (const milestone of alerts) {
          expect(milestone > first && milestone <= highest).toBe(true);
        }
        // Every milestone passed after the first reading is named, unless a later one came with it.
        const passed = VIEW_MILESTONES.filter((m) => m > first && m <= highest);
        if (passed.length > 0) expect(alerts).toContain(passed[passed.length - 1]);
      }),
    );
  });
});
