import { scrapeDueAt } from '@velog-insights/store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserDue } from './due.js';

const now = new Date('2026-11-22T03:00:00Z');
const earlier = new Date('2026-11-22T02:00:00Z');
const later = new Date('2026-11-22T04:00:00Z');
const tokens = { accessToken: {}, refreshToken: {}, updatedAt: earlier } as never;
const scrape = {
  lastStartedAt: earlier,
  lastFinishedAt: earlier,
  lastOutcome: 'ok' as const,
  nextDueAt: later,
  requestedAt: null,
  firstSnapshotDay: null,
};
const user = { authStatus: 'active' as const, isDemo: false, tokens, scrape };
const cycle = { now, startedAt: now, force: false };

describe('which writers a cycle scrapes', () => {
  it('waits for the cadence, unless the API asked or the writer was never scraped', () => {
    expect(isUserDue(user, cycle)).toBe(false);
    expect(isUserDue({ ...user, scrape: { ...scrape, nextDueAt: now } }, cycle)).toBe(true);
    expect(isUserDue({ ...user, scrape: { ...scrape, requestedAt: earlier } }, cycle)).toBe(true);
    expect(isUserDue({ ...user, scrape: { ...scrape, nextDueAt: null } }, cycle)).toBe(true);
  });

  it('forces everyone not yet scraped since the cycle began', () => {
    expect(isUserDue(user, { ...cycle, force: true })).toBe(true);
    expect(
      isUserDue(
        { ...user, scrape: { ...scrape, lastStartedAt: later } },
        { ...cycle, force: true },
      ),
    ).toBe(false);
  });

  it('never takes a writer that must sign in again, has no tokens, or is the demo', () => {
    const asked = { ...scrape, requestedAt: earlier };
    expect(
      isUserDue(
        { ...user, scrape: asked, authStatus: 'reauth-required' },
        { ...cycle, force: true },
      ),
    ).toBe(false);
    expect(isUserDue({ ...user, scrape: asked, tokens: null }, cycle)).toBe(false);
    expect(isUserDue({ ...user, scrape: asked, isDemo: true }, cycle)).toBe(false);
  });
});

describe('the stored due time', () => {
  // Instants around `now`, so that every comparison with it goes either way.
  const instant = fc.integer({ min: -3, max: 3 }).map((n) => new Date(now.getTime() + n * 60_000));
  const writer = fc.record({
    isDemo: fc.boolean(),
    authStatus: fc.constantFrom('active' as const, 'reauth-required' as const),
    tokens: fc.constantFrom(null, undefined, tokens, { updatedAt: earlier }),
    scrape: fc.option(
      fc.record({
        lastStartedAt: fc.option(instant),
        lastFinishedAt: fc.option(instant),
        lastOutcome: fc.constant(null),
        nextDueAt: fc.option(instant),
        requestedAt: fc.option(instant),
        firstSnapshotDay: fc.constant(null),
      }),
    ),
  });

  it('has come exactly when an ordinary tick would scrape the writer', () => {
    fc.assert(
      fc.property(writer, instant, (user, at) => {
        const dueAt = scrapeDueAt(user);
        const tick = { now: at, startedAt: at, force: false };
        expect(isUserDue(user as never, tick)).toBe(dueAt !== null && dueAt <= at);
      }),
    );
  });
});
