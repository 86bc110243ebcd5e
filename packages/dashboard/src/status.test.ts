import type { KstDate, MeResponse } from '@velog-insights/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerStatus, type LocalRefresh } from './status.js';

const today = '2026-11-23' as KstDate;
const at = (time: string) => new Date(`2026-11-23T${time}:00+09:00`);

function me(
  user: Partial<MeResponse['user']> = {},
  scrape: Partial<MeResponse['scrape']> = {},
): MeResponse {
  return {
    user: {
      id: 'u1',
      username: 'writer',
      displayName: 'Writer',
      thumbnail: null,
      isDemo: false,
      authStatus: 'active',
      ...user,
    },
    scrape: {
      lastScrapeAt: at('03:44'),
      lastOutcome: 'ok',
      nextScrapeAt: at('04:14'),
      requestedAt: null,
      firstSnapshotDay: '2026-10-01' as KstDate,
      ...scrape,
    },
  };
}

describe('headerStatus, the cases from the issue', () => {
  it('says an attempt that failed with dead tokens failed, and that updates are paused', () => {
    const status = headerStatus({
      me: me({ authStatus: 'reauth-required' }, { lastOutcome: 'failed' }),
      today,
      lastGoodAt: at('02:44'),
    });
    expect(status.freshness).toEqual({ kind: 'failed', at: at('03:44'), lastGoodAt: at('02:44') });
    expect(status.upcoming).toEqual({ kind: 'none' });
    expect(status.pill).toBe('reauth');
    expect(status.refreshBlocked).toBe('reauth');
    expect(status.banner).toBe('reauth');
    expect(status.awaitingScrape).toBe(false);
  });

  it('reports a failure while tokens are fine, with the next try', () => {
    const status = headerStatus({ me: me({}, { lastOutcome: 'failed' }), today });
    expect(status.freshness).toMatchObject({ kind: 'failed', lastGoodAt: null });
    expect(status.upcoming).toEqual({ kind: 'next', at: at('04:14') });
    expect(status.banner).toBe('failed');
    expect(status.refreshBlocked).toBeNull();
  });

  it('clears "Update requested" once a scrape finished after the request', () => {
    const answered = headerStatus({
      me: me({}, { requestedAt: at('03:40'), lastScrapeAt: at('03:44') }),
      today,
    });
    expect(answered.upcoming).toEqual({ kind: 'next', at: at('04:14') });
    expect(answered.awaitingScrape).toBe(false);
    const waiting = headerStatus({
      me: me({}, { requestedAt: at('03:50'), lastScrapeAt: at('03:44') }),
      today,
    });
    expect(waiting.upcoming).toEqual({ kind: 'requested' });
    expect(waiting.refreshBlocked).toBe('requested');
    expect(waiting.awaitingScrape).toBe(true);
  });

  it('counts this page’s own accepted request before /api/me knows of it', () => {
    const local: LocalRefresh = { pending: false, requestedAt: at('03:50') };
    expect(headerStatus({ me: me(), today, local }).upcoming).toEqual({ kind: 'requested' });
    const pending = headerStatus({ me: me(), today, local: { pending: true, requestedAt: null } });
    expect(pending.refreshBlocked).toBe('pending');
  });

  it('tells the demo it is not refreshed, with no "next"', () => {
    const status = headerStatus({ me: me({ isDemo: true }), today });
    expect(status.refreshBlocked).toBe('demo');
    expect(status.upcoming).toEqual({ kind: 'none' });
    expect(status.banner).toBe('demo');
  });

  it('waits for a first scrape, then notes the first day', () => {
    const first = headerStatus({
      me: me({}, { lastScrapeAt: null, lastOutcome: null, firstSnapshotDay: null }),
      today,
    });
    expect(first).toMatchObject({ pill: 'waiting', banner: 'waiting', awaitingScrape: true });
    expect(first.freshness).toEqual({ kind: 'never' });
    const day = headerStatus({ me: me({}, { firstSnapshotDay: today }), today });
    expect(day).toMatchObject({ pill: 'ok', banner: 'first-day', awaitingScrape: false });
  });
});

const instant = fc
  .integer({ min: 0, max: 1000 })
  .map((minute) => new Date(1_790_000_000_000 + minute * 60_000));
const anyMe: fc.Arbitrary<MeResponse> = fc
  .record({
    isDemo: fc.boolean(),
    authStatus: fc.constantFrom('active' as const, 'reauth-required' as const),
    lastScrapeAt: fc.option(instant, { nil: null }),
    lastOutcome: fc.constantFrom('ok' as const, 'partial' as const, 'failed' as const),
    nextScrapeAt: fc.option(instant, { nil: null }),
    requestedAt: fc.option(instant, { nil: null }),
    firstSnapshotDay: fc.constantFrom(null, today, '2026-10-01' as KstDate),
  })
  .map((input) =>
    me(
      { isDemo: input.isDemo, authStatus: input.authStatus },
      {
        lastScrapeAt: input.lastScrapeAt,
        lastOutcome: input.lastScrapeAt === null ? null : input.lastOutcome,
        nextScrapeAt: input.nextScrapeAt,
        requestedAt: input.requestedAt,
        firstSnapshotDay: input.firstSnapshotDay,
      },
    ),
  );
const anyLocal: fc.Arbitrary<LocalRefresh> = fc.record({
  pending: fc.boolean(),
  requestedAt: fc.option(instant, { nil: null }),
});

describe('headerStatus never contradicts itself', () => {
  it('holds for every combination of /api/me and this page’s request', () => {
    fc.assert(
      fc.property(
        anyMe,
        anyLocal,
        fc.option(instant, { nil: null }),
        (input, local, lastGoodAt) => {
          const status = headerStatus({ me: input, today, local, lastGoodAt });
          const { user, scrape } = input;
          const paused = user.authStatus === 'reauth-required';
          // A failed attempt is never reported as an update.
          if (scrape.lastOutcome === 'failed') expect(status.freshness.kind).toBe('failed');
          if (status.freshness.kind === 'updated') expect(scrape.lastOutcome).not.toBe('failed');
          // Paused (or the demo): nothing is scheduled, and Refresh says why it cannot be pressed.
          if (paused || user.isDemo) {
            expect(status.upcoming.kind).not.toBe('next');
            expect(status.refreshBlocked).not.toBeNull();
            expect(status.awaitingScrape).toBe(false);
          }
          if (paused) expect(status.banner).toBe('reauth');
          // "Requested" only while no scrape has finished since the latest request.
          if (status.upcoming.kind === 'requested') {
            const asked = Math.max(
              scrape.requestedAt?.getTime() ?? -1,
              local.requestedAt?.getTime() ?? -1,
            );
            expect(scrape.lastScrapeAt === null || scrape.lastScrapeAt.getTime() < asked).toBe(
              true,
            );
            expect(status.refreshBlocked).not.toBeNull();
          }
          if (scrape.lastScrapeAt === null) expect(status.freshness.kind).toBe('never');
          if (scrape.lastOutcome === 'failed' && !paused) expect(status.banner).toBe('failed');
          if (status.pill === 'ok')
            expect(
              status.banner === null || status.banner === 'first-day' || status.banner === 'demo',
            ).toBe(true);
        },
      ),
    );
  });
});
