import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kstWeekday, toKstDate } from '../time/kst.js';
import { digestWeekDue } from './digest-week.js';

describe('digest week', () => {
  it('is due from Monday 09:00 KST for a day, for the week that ended on Sunday', () => {
    // 2026-12-07 is a Monday; 09:00 KST is 00:00 UTC.
    expect(digestWeekDue(new Date('2026-12-06T23:59:59Z'))).toBeNull();
    const due = {
      monday: '2026-11-30',
      sunday: '2026-12-06',
      previous: { from: '2026-11-23', to: '2026-11-29' },
    };
    expect(digestWeekDue(new Date('2026-12-07T00:00:00Z'))).toEqual(due);
    // Until Tuesday 09:00 KST (a worker down on Monday morning) it is still that week …
    expect(digestWeekDue(new Date('2026-12-07T23:59:59Z'))).toEqual(due);
    // … then no longer: not on Tuesday, nor on Sunday night (turned on then, no week-old digest).
    expect(digestWeekDue(new Date('2026-12-08T00:00:00Z'))).toBeNull();
    expect(digestWeekDue(new Date('2026-12-13T14:00:00Z'))).toBeNull();
  });

  it('always reports a whole Monday–Sunday week before the current one', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (now) => {
          const week = digestWeekDue(now);
          const sinceMonday9 =
            now.getTime() -
            (Date.parse(`${week?.sunday ?? '2000-01-02'}T15:00:00Z`) + 9 * 3_600_000);
          if (week === null) return;
          // Monday 09:00 KST is Monday 00:00 UTC: the week's Sunday ended 9 hours before it.
          expect(sinceMonday9).toBeGreaterThanOrEqual(0);
          expect(sinceMonday9).toBeLessThan(24 * 3_600_000);
          expect(kstWeekday(week.monday)).toBe(1);
          expect(kstWeekday(week.sunday)).toBe(7);
          expect(week.sunday < toKstDate(now)).toBe(true);
          expect(toKstDate(new Date(now.getTime() - 8 * 86_400_000)) < week.sunday).toBe(true);
        },
      ),
    );
  });
});
