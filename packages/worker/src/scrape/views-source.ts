/**
 * Where a writer's cumulative views come from (velog-api.md §3). v3's listing carries each
 * post's stored view counter — the number getStats calls `total` — so by default a scrape reads
 * views from the listing and checks a small sample against getStats every run; a writer whose
 * listing disagrees is read with one getStats per post until a run finds them agreeing again.
 */

/** The operator's knob, `VELOG_LISTING_VIEWS`. */
export const LISTING_VIEWS_MODES = ['auto', 'always', 'never'] as const;
export type ListingViewsMode = (typeof LISTING_VIEWS_MODES)[number];

/** What a writer's last run decided (stored on the writer, used by `auto` only). */
export type ViewsSource = 'listing' | 'getStats';

/** Reads that can land between our listing page and our getStats call for the same post. */
const IN_FLIGHT_READS = 5;
const IN_FLIGHT_SHARE = 0.005;

/**
 * Whether the listing's views can stand for getStats' total. A CDN in front of v2 may answer
 * with a total up to 30 minutes old, so a listing ahead of getStats is what staleness looks
 * like; a listing behind it by more than the reads of a moment is a different number.
 */
export function listingAgrees(listed: number | null, total: number): boolean {
  if (listed === null) return false;
  return listed >= total - Math.max(IN_FLIGHT_READS, Math.ceil(total * IN_FLIGHT_SHARE));
}

/**
 * The one stored post checked in turn, so that over runs every post is compared now and then:
 * the run count walks the stored posts in id order.
 */
export function rotatingSample(trackedIds: readonly string[], runCount: number): string | null {
  if (trackedIds.length === 0) return null;
  const sorted = [...trackedIds].sort();
  return sorted[runCount % sorted.length] ?? null;
}

/** Whether this run reads every post's views with getStats from the start. */
export function readsEveryPost(mode: ListingViewsMode, stored: ViewsSource | undefined): boolean {
  return mode === 'never' || (mode === 'auto' && stored === 'getStats');
}
