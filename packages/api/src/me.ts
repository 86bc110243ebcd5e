import type { KstDate, MeResponse } from '@velog-insights/shared';
import type { UserView } from '@velog-insights/store';

/**
 * The signed-in writer as the page shows them: profile and scrape status, nothing secret.
 * Fields another writer of the document may have left out (an upsert without defaults) read
 * as their defaults.
 */
export function toMeResponse(user: UserView): MeResponse {
  return {
    user: {
      id: user._id,
      username: user.username,
      displayName: user.displayName ?? user.username,
      thumbnail: user.thumbnail ?? null,
      isDemo: user.isDemo ?? false,
      authStatus: user.authStatus ?? 'active',
    },
    scrape: {
      lastScrapeAt: user.scrape?.lastFinishedAt ?? null,
      lastOutcome: user.scrape?.lastOutcome ?? null,
      nextScrapeAt: user.scrape?.nextDueAt ?? null,
      requestedAt: user.scrape?.requestedAt ?? null,
      firstSnapshotDay: (user.scrape?.firstSnapshotDay ?? null) as KstDate | null,
    },
  };
}
