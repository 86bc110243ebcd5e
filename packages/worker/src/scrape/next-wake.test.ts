import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextWakeAt } from './next-wake.js';

const instant = fc.integer({ min: 0, max: 10_000 }).map((n) => new Date(n * 60_000));

describe('the next wake time', () => {
  it('is the earliest due time, or the cap when that comes first or there is none', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(instant, { nil: undefined }).chain((d) => fc.constantFrom(d, null))),
        instant,
        (dueTimes, cap) => {
          const at = nextWakeAt(dueTimes, cap);
          const known = dueTimes.filter((dueAt): dueAt is Date => dueAt instanceof Date);
          expect(at <= cap).toBe(true);
          for (const dueAt of known) expect(at <= dueAt).toBe(true);
          expect([cap, ...known]).toContainEqual(at);
        },
      ),
    );
  });

  it('wakes at once for a writer left due', () => {
    const cap = new Date('2026-12-01T03:15:00Z');
    const overdue = new Date('2026-12-01T02:59:00Z');
    expect(nextWakeAt([null, new Date('2026-12-01T03:30:00Z'), overdue], cap)).toEqual(overdue);
    expect(nextWakeAt([], cap)).toEqual(cap);
  });
});
