import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kstWeekday, toKstDate } from '../time/kst.js';
import { digestWeekDue } from './digest-week.js';

describe('digest week', () => {
  it('is due from Monday 09:00 KST, for the week that ended on Sunday', () => {
    // 2026-12-07 is a Monday; 09:00 KST is 00:00 UTC.
    expect(digestWeekDue(new Date('2026-12-06T23:59:59Z'))).toBeNull();
    const due = {
      monday: '2026-11-30',
      sunday: '2026-12-06',
      previous: { from: '2026-11-23', to: '2026-11-29' },
    };
    expect(digestWeekDue(new Date('2026-12-07T00:00:00Z'))).toEqual(due);
    // Later that week (a worker down on Monday) it is still that week …
    expect(digestWeekDue(new Date('2026-12-13T14:59:59Z'))).toEqual(due);
    // … and on the next Monday before 09:00 nothing: that week is stale, the next not yet due.
    expect(digestWeekDue(new Date('2026-12-13T15:00:00Z'))).toBeNull();
  });

  it('always reports a whole Monday–Sunday week before the current one', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (now) => {
          const week = digestWeekDue(now);
          if (week === null) {
            expect(kstWeekday(toKstDate(now))).toBe(1);
            return;
          }
          expect(kstWeekday(week.monday)).toBe(1);
          expect(kstWeekday(week.sunday)).toBe(7);
          expect(week.sunday < toKstDate(now)).toBe(true);
          expect(toKstDate(new Date(now.getTime() - 8 * 86_400_000)) < week.sunday).toBe(true);
        },
      ),
    );
  });
});
