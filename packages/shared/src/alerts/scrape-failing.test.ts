import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCRAPE_FAILING_AFTER_MS, scrapeFailingEpisode } from './scrape-failing.js';

const since = new Date('2026-12-01T00:00:00Z');

describe('failing-scrape episode', () => {
  it('alerts a failed run a whole day after the last success, named by that success', () => {
    const dayLater = new Date(since.getTime() + SCRAPE_FAILING_AFTER_MS);
    expect(scrapeFailingEpisode({ outcome: 'failed', failingSince: since, now: dayLater })).toEqual(
      { since },
    );
    expect(
      scrapeFailingEpisode({
        outcome: 'failed',
        failingSince: since,
        now: new Date(dayLater.getTime() - 1),
      }),
    ).toBeNull();
    expect(
      scrapeFailingEpisode({ outcome: 'failed', failingSince: null, now: dayLater }),
    ).toBeNull();
  });

  it('never alerts a run that got figures, nor before a day has passed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ok' as const, 'partial' as const, 'failed' as const),
        fc.integer({ min: -SCRAPE_FAILING_AFTER_MS, max: 3 * SCRAPE_FAILING_AFTER_MS }),
        (outcome, elapsed) => {
          const episode = scrapeFailingEpisode({
            outcome,
            failingSince: since,
            now: new Date(since.getTime() + elapsed),
          });
          const expected = outcome === 'failed' && elapsed >= SCRAPE_FAILING_AFTER_MS;
          expect(episode !== null).toBe(expected);
          if (episode) expect(episode.since).toEqual(since);
        },
      ),
    );
  });
});
