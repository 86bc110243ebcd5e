/*
 * Test-only: feeds scrapes through openStatsMonth / recordObservation the way the worker does,
 * rolling months and writing legacy reads into the earlier months they reach. Not a test file
 * (vitest collects only `*.test.ts`).
 */
import { KstDate, toKstDate } from '../time/kst.js';
import { type KstMonth, kstMonthOf, openStatsMonth, type StatsMonth } from './month.js';
import { indexMonths, type MonthIndex } from './read-gains.js';
import {
  applyLegacyReads,
  type CounterReading,
  legacyMonths,
  type RecordOutcome,
  recordObservation,
} from './record-observation.js';

export interface Scrape {
  takenAt: Date;
  readings: readonly CounterReading[];
}

/** A KST wall-clock instant: `kst('2026-03-10', '10:30')`. */
export function kst(day: string, time = '12:00'): Date {
  return new Date(`${day}T${time}:00+09:00`);
}

export const day = (value: string): KstDate => KstDate.parse(value);

/** Released long before any test history. */
export const LONG_AGO = new Date('2020-01-01T00:00:00.000Z');

export function reading(
  postId: string,
  views: number | null,
  likes: number | null = 0,
  extra: Partial<CounterReading> = {},
): CounterReading {
  return { postId, views, likes, releasedAt: LONG_AGO, ...extra };
}

/** One writer's stored months, as the worker keeps them. */
export class WriterSimulator {
  readonly months = new Map<KstMonth, StatsMonth>();
  readonly outcomes: RecordOutcome[] = [];

  constructor(readonly userId = 'writer') {}

  /** The latest stored month before `month`: what a month roll opens from. */
  private latestBefore(month: KstMonth): StatsMonth | null {
    let latest: StatsMonth | null = null;
    for (const [key, stored] of this.months) {
      if (key < month && (latest === null || key > latest.month)) latest = stored;
    }
    return latest;
  }

  scrape(takenAt: Date, readings: readonly CounterReading[]): RecordOutcome {
    const month = kstMonthOf(toKstDate(takenAt));
    // A month roll opens from the latest earlier month (the store's recordScrape does the same).
    const before =
      this.months.get(month) ?? openStatsMonth(this.userId, month, this.latestBefore(month));
    const outcome = recordObservation(before, { takenAt, readings });
    this.outcomes.push(outcome);
    if (outcome.kind !== 'recorded') return outcome;
    // Unchanged means nothing to write; a month's first scrape always changes it.
    if (outcome.changed) this.months.set(month, outcome.month);
    // Legacy reads land in the months they happened in; one never written starts empty.
    for (const earlier of legacyMonths(outcome.legacy, month)) {
      const old = this.months.get(earlier) ?? openStatsMonth(this.userId, earlier, null);
      this.months.set(earlier, applyLegacyReads(old, outcome.legacy));
    }
    return outcome;
  }

  /** The latest month document (the one the next scrape of the same month starts from). */
  current(): StatsMonth | null {
    let latest: StatsMonth | null = null;
    for (const stored of this.months.values()) {
      if (latest === null || stored.month > latest.month) latest = stored;
    }
    return latest;
  }

  list(): StatsMonth[] {
    return [...this.months.values()];
  }

  index(): MonthIndex {
    return indexMonths(this.list());
  }
}

/** Runs a whole history of scrapes and returns the months it leaves. */
export function simulate(
  scrapes: readonly Scrape[],
  userId = 'writer',
): { months: StatsMonth[]; outcomes: RecordOutcome[]; index: MonthIndex } {
  const writer = new WriterSimulator(userId);
  for (const scrape of scrapes) writer.scrape(scrape.takenAt, scrape.readings);
  return { months: writer.list(), outcomes: writer.outcomes, index: writer.index() };
}
