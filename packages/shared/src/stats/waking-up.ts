import { median } from './median.js';

/*
 * "This post is waking up again": its views over the last 7 days stand well above its own
 * recent normal. Precisely, with `usual` the median of its observed daily views over the 28
 * days before those 7:
 * - at least 14 of the 28 days must be observed (else we do not know its normal);
 * - the 7 days' known views must reach 3 × (7 × usual), and exceed 7 × usual by at least 20,
 *   so a post going from 0 to 3 views is not news.
 * Unobserved days of the window count for nothing, so its sum is a lower bound: a gap can hide
 * a waking post, never invent one.
 */

export const WAKING_BASELINE_DAYS = 28;
export const WAKING_WINDOW_DAYS = 7;
export const WAKING_MIN_OBSERVED = 14;
export const WAKING_FACTOR = 3;
export const WAKING_MIN_EXTRA = 20;

export interface WakingVerdict {
  recent: number;
  usual: number;
}

/**
 * `baseline`: the post's daily views on the 28 days before the window (`null`: not observed);
 * `window`: on the window's 7 days. The verdict when the post is waking up, else `null`.
 */
export function wakingUp(
  baseline: readonly (number | null)[],
  window: readonly (number | null)[],
): WakingVerdict | null {
  const observed = baseline.filter((views): views is number => views !== null);
  if (observed.length < WAKING_MIN_OBSERVED) return null;
  const usual = median(observed) ?? 0;
  let recent = 0;
  for (const views of window) recent += views ?? 0;
  const normalWeek = usual * WAKING_WINDOW_DAYS;
  if (recent < WAKING_FACTOR * normalWeek) return null;
  if (recent - normalWeek < WAKING_MIN_EXTRA) return null;
  return { recent, usual };
}
