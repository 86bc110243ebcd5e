import type { DueFields, UserDoc } from '@velog-insights/store';

/**
 * Whether a cycle should scrape this writer. `force` (the day-close run, `once --force`)
 * takes everyone not yet scraped since the cycle began, so two workers running the same forced
 * cycle still scrape each writer once.
 */
export function isUserDue(
  user: DueFields & Pick<UserDoc, 'scrape'>,
  cycle: { now: Date; startedAt: Date; force: boolean },
): boolean {
  if (user.isDemo || user.authStatus !== 'active' || !user.tokens) return false;
  const scrape = user.scrape;
  if (!scrape) return true;
  if (scrape.requestedAt) return true;
  if (cycle.force) return !scrape.lastStartedAt || scrape.lastStartedAt < cycle.startedAt;
  return !scrape.nextDueAt || scrape.nextDueAt <= cycle.now;
}
