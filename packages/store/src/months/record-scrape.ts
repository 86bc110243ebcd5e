import {
  applyLegacyReads,
  type CounterReading,
  type KstDate,
  kstMonthOf,
  legacyMonths,
  openStatsMonth,
  previousKstMonth,
  recordObservation,
  type StatsMonth,
  toKstDate,
} from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { serialWrites } from '../write-gate.js';
import { readLatestStatsMonth, readStatsMonth, writeStatsMonth } from './stats-months.js';
import { type PostDetails, planPostDetails } from './writer-posts.js';

export interface ScrapeInput {
  userId: string;
  takenAt: Date;
  /** Every post the scrape read (or tried to): counters, and `gone` where velog said so. */
  readings: readonly CounterReading[];
  /** The listing's fields of each post it showed; posts it did not show keep theirs. */
  details: readonly PostDetails[];
  /** No month before this one can hold the writer's data (their first sign-in). */
  since?: Date;
  /**
   * The writer's latest month as the caller read it (`readLatestStatsMonth`) while holding the
   * writer's lease, so the scrape reads its stored state once; absent, it is read here.
   */
  latest?: StatsMonth | null;
}

export interface ScrapeWrites {
  day: KstDate;
  outcome: 'recorded' | 'out-of-order';
  /** Data documents written: the day's month, months legacy buckets reached, the post list. */
  monthsWritten: number;
  detailsWritten: number;
}

/**
 * Records one scrape: the gain rule runs over the writer's month (carried over from the
 * latest earlier month when this is the month's first scrape) and the month is written with
 * the paths that changed; then the posts' listing details, if any changed. The month is the
 * only place a gain lives, so a failure after it leaves nothing half-counted, and details
 * left unwritten are written by the next scrape that sees them differ.
 *
 * Everything is read before the writes join the connection's write queue: only the scrape
 * holding the writer's lease writes these documents, and a queued read would make every other
 * writer's writes wait for it.
 */
export async function recordScrape(models: StoreModels, input: ScrapeInput): Promise<ScrapeWrites> {
  const day = toKstDate(input.takenAt);
  const month = kstMonthOf(day);
  const notBefore = input.since ? kstMonthOf(toKstDate(input.since)) : undefined;
  let stored: StatsMonth | null;
  let earlier: StatsMonth | null;
  if (input.latest !== undefined) {
    // A month after this scrape's day would mean the caller read in another month: not ours.
    const latest = input.latest !== null && input.latest.month <= month ? input.latest : null;
    stored = latest?.month === month ? latest : null;
    earlier = stored === null ? latest : null;
  } else {
    stored = await readStatsMonth(models, input.userId, month);
    earlier =
      stored === null
        ? await readLatestStatsMonth(models, input.userId, previousKstMonth(month), notBefore)
        : null;
  }
  const before = stored ?? openStatsMonth(input.userId, month, earlier);
  const result = recordObservation(before, { takenAt: input.takenAt, readings: input.readings });
  const writes: ScrapeWrites = { day, outcome: result.kind, monthsWritten: 0, detailsWritten: 0 };
  if (result.kind === 'out-of-order') return writes;

  // Reads before our first reading of a post land in the months they happened in.
  const legacy = await Promise.all(
    legacyMonths(result.legacy, month).map(async (legacyMonth) => {
      const old = await readStatsMonth(models, input.userId, legacyMonth);
      const next = applyLegacyReads(
        old ?? emptyLegacyMonth(input.userId, legacyMonth),
        result.legacy,
      );
      return { old, next };
    }),
  );
  const details = await planPostDetails(models, input.userId, input.details);

  return serialWrites(models, async () => {
    if (result.changed && (await writeStatsMonth(models, stored, result.month))) {
      writes.monthsWritten += 1;
    }
    for (const { old, next } of legacy) {
      if (await writeStatsMonth(models, old, next)) writes.monthsWritten += 1;
    }
    if (details !== null) {
      await details();
      writes.detailsWritten += 1;
    }
    return writes;
  });
}

function emptyLegacyMonth(userId: string, month: string): StatsMonth {
  return openStatsMonth(userId, month, null);
}
