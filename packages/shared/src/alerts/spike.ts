import type { DailyGain } from '../models/daily-gain.js';
import { median } from '../stats/median.js';
import type { KstDate } from '../time/kst.js';

/*
 * "A day far above the writer's normal", on complete KST days only. A complete day is one whose
 * views are fully known: observed (not a gap), not partial (no baselines or misses), and not
 * closing a span of unobserved days (whose growth cannot be placed on one day). The normal is
 * the median of the writer's last 28 complete days before the day looked at; unobserved days
 * are skipped, never counted as zeros, so a writer we could not read for a week has the same
 * normal as before. The day is a spike when
 *
 *     views ≥ max(3 × median, median + 50)
 *
 * (the margin keeps a writer with a normal of 2 views from being told that 6 is a spike), and
 * only with at least 7 complete days to judge by.
 */

export const SPIKE_RULE = {
  baselineDays: 28,
  minBaselineDays: 7,
  factor: 3,
  margin: 50,
} as const;

/** The day's views when they are fully known, else `null`. */
export function completeViews(day: Pick<DailyGain, 'views' | 'partial' | 'gap'>): number | null {
  if (day.views === null || day.partial || day.gap !== null) return null;
  return day.views;
}

export interface Spike {
  day: KstDate;
  views: number;
  median: number;
  threshold: number;
  /** Complete days the median was taken over. */
  baselineDays: number;
}

export function spikeThreshold(normal: number): number {
  return Math.max(SPIKE_RULE.factor * normal, normal + SPIKE_RULE.margin);
}

/**
 * Whether `day` was a spike, from the writer's daily figures (`writerDailyGains`) up to and
 * including it, in any order; days after it are ignored.
 */
export function detectSpike(days: readonly DailyGain[], day: KstDate): Spike | null {
  const target = days.find((entry) => entry.day === day);
  const views = target ? completeViews(target) : null;
  if (views === null) return null;
  const baseline = days
    .filter((entry) => entry.day < day)
    .sort((a, b) => (a.day < b.day ? 1 : -1))
    .map(completeViews)
    .filter((value): value is number => value !== null)
    .slice(0, SPIKE_RULE.baselineDays);
  if (baseline.length < SPIKE_RULE.minBaselineDays) return null;
  // At least minBaselineDays values, so there is a middle one.
  const normal = median(baseline) as number;
  const threshold = spikeThreshold(normal);
  if (views < threshold) return null;
  return { day, views, median: normal, threshold, baselineDays: baseline.length };
}
