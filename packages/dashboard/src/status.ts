import type { KstDate, MeResponse } from '@velog-insights/shared';

/**
 * What the header and the banner say about freshness, worked out in one place from /api/me
 * (and what this page itself asked for), so the parts cannot contradict each other: a failed
 * attempt is never "Updated", a paused writer has no "next", and "Update requested" ends
 * once a scrape has finished after the request.
 */

export type StatusPill = 'ok' | 'partial' | 'failed' | 'waiting' | 'reauth';

export type Freshness =
  | { kind: 'never' }
  | { kind: 'updated'; at: Date }
  /** The last attempt failed at `at`; `lastGoodAt` is the newest figure we hold, when known. */
  | { kind: 'failed'; at: Date; lastGoodAt: Date | null };

/** After the freshness: what happens next, if anything does. */
export type Upcoming = { kind: 'none' } | { kind: 'next'; at: Date } | { kind: 'requested' };

export type RefreshBlock = 'demo' | 'reauth' | 'requested' | 'pending';

export type BannerKind = 'reauth' | 'failed' | 'waiting' | 'partial' | 'first-day' | 'demo';

export interface HeaderStatus {
  pill: StatusPill;
  freshness: Freshness;
  upcoming: Upcoming;
  /** Why "Refresh now" is disabled, or `null` when it may be pressed. */
  refreshBlocked: RefreshBlock | null;
  /** The one banner shown: the most important message that applies. */
  banner: BannerKind | null;
  /** Whether the page should watch /api/me for a scrape to land. */
  awaitingScrape: boolean;
}

export interface LocalRefresh {
  /** A refresh request is on its way to the API. */
  pending: boolean;
  /** When the API accepted this page's refresh request (its 202), if it did. */
  requestedAt: Date | null;
}

export const NO_LOCAL_REFRESH: LocalRefresh = { pending: false, requestedAt: null };

export interface StatusInput {
  me: MeResponse;
  today: KstDate;
  local?: LocalRefresh;
  /** The newest snapshot behind the figures on screen (a summary's `asOf`), when known. */
  lastGoodAt?: Date | null;
}

function later(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/** Most important first: an action the writer must take, then what is wrong, then notes. */
const BANNER_ORDER: readonly BannerKind[] = [
  'reauth',
  'failed',
  'waiting',
  'partial',
  'first-day',
  'demo',
];

export function headerStatus(input: StatusInput): HeaderStatus {
  const { me, today } = input;
  const local = input.local ?? NO_LOCAL_REFRESH;
  const { user, scrape } = me;
  const paused = user.authStatus === 'reauth-required';
  const last = scrape.lastScrapeAt;
  const failed = last !== null && scrape.lastOutcome === 'failed';

  // A request is answered by any scrape that finished after it, whatever its outcome: after
  // that the header reports the outcome, not the wait.
  const asked = later(scrape.requestedAt, local.requestedAt);
  const requested =
    !paused &&
    !user.isDemo &&
    asked !== null &&
    (last === null || last.getTime() < asked.getTime());

  const pill: StatusPill = paused
    ? 'reauth'
    : last === null
      ? 'waiting'
      : failed
        ? 'failed'
        : scrape.lastOutcome === 'partial'
          ? 'partial'
          : 'ok';

  const freshness: Freshness =
    last === null
      ? { kind: 'never' }
      : failed
        ? { kind: 'failed', at: last, lastGoodAt: input.lastGoodAt ?? null }
        : { kind: 'updated', at: last };

  const upcoming: Upcoming = requested
    ? { kind: 'requested' }
    : !paused && !user.isDemo && scrape.nextScrapeAt !== null
      ? { kind: 'next', at: scrape.nextScrapeAt }
      : { kind: 'none' };

  const refreshBlocked: RefreshBlock | null = user.isDemo
    ? 'demo'
    : paused
      ? 'reauth'
      : local.pending
        ? 'pending'
        : requested
          ? 'requested'
          : null;

  const applies: Record<BannerKind, boolean> = {
    reauth: paused,
    failed,
    waiting: last === null && !paused,
    partial: last !== null && scrape.lastOutcome === 'partial',
    'first-day': last !== null && scrape.firstSnapshotDay === today,
    demo: user.isDemo,
  };
  const banner = BANNER_ORDER.find((kind) => applies[kind]) ?? null;

  return {
    pill,
    freshness,
    upcoming,
    refreshBlocked,
    banner,
    awaitingScrape: !paused && !user.isDemo && (last === null || requested),
  };
}
