/*
 * "Scrapes have failed for a whole day": attempts were made, and none succeeded for 24 hours.
 * An episode starts at the last success (or, for a writer who never had one, at the first
 * attempt) and ends at the next success; it is named by its start, so it alerts once however
 * many failing runs follow.
 */

export const SCRAPE_FAILING_AFTER_MS = 24 * 3_600_000;

export interface ScrapeFailingInput {
  /** This run's outcome: only a failed run can be part of a failing episode. */
  outcome: 'ok' | 'partial' | 'failed';
  /** When the episode started: the last success, else the first attempt; `null`: unknown. */
  failingSince: Date | null;
  now: Date;
}

/** The episode to alert for, or `null`. */
export function scrapeFailingEpisode(input: ScrapeFailingInput): { since: Date } | null {
  if (input.outcome !== 'failed' || input.failingSince === null) return null;
  if (input.now.getTime() - input.failingSince.getTime() < SCRAPE_FAILING_AFTER_MS) return null;
  return { since: input.failingSince };
}
