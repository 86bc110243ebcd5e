import { type KstDate, kstDatesBetween, kstDaysBetween, kstWeekday } from '@velog-insights/shared';
import type { DemoPost } from './catalogue.js';
import { seededRandom, seedFrom } from './random.js';

/** Days the demo's worker was "down": shown as a gap, as a real outage would be. */
export const DEMO_OUTAGE_DAYS: ReadonlySet<string> = new Set(['2026-02-17', '2026-02-18']);

// Developer blogs are read on weekdays (Monday first, as luxon numbers them 1–7).
const WEEKDAY_FACTOR = [1.12, 1.15, 1.1, 1.05, 0.95, 0.7, 0.78] as const;

export interface DemoCounters {
  views: number;
  likes: number;
}

/**
 * A post's cumulative views and likes at the end of each day from its release to `lastDay`
 * (both included), keyed by day. Pure: the same post and day always give the same counters,
 * so the history can be extended day by day without rewriting what is stored.
 */
export function demoPostHistory(post: DemoPost, lastDay: KstDate): Map<KstDate, DemoCounters> {
  const random = seededRandom(seedFrom(`velog-insights-demo/${post.id}`));
  const history = new Map<KstDate, DemoCounters>();
  let views = 0;
  let likes = 0;
  for (const day of kstDatesBetween(post.releasedOn, lastDay)) {
    const age = kstDaysBetween(post.releasedOn, day);
    const weekday = kstWeekday(day);
    const launch = 9 * Math.exp(-age / 2.2);
    const tail = (1 + age) ** -0.3;
    const viral = random() < 0.004 ? 5 : 1;
    const noise = 0.75 + random() * 0.5;
    const reads = Math.round(
      post.popularity * (launch + tail) * (WEEKDAY_FACTOR[weekday - 1] ?? 1) * noise * viral,
    );
    views += reads;
    likes += binomialish(reads, post.likeRate, random);
    history.set(day, { views, likes });
  }
  return history;
}

/** The counters part-way through `day`, for "today": the day's growth so far, in proportion. */
export function partialDay(
  previous: DemoCounters,
  endOfDay: DemoCounters,
  fraction: number,
): DemoCounters {
  const share = Math.min(1, Math.max(0, fraction));
  return {
    views: previous.views + Math.floor((endOfDay.views - previous.views) * share),
    likes: previous.likes + Math.floor((endOfDay.likes - previous.likes) * share),
  };
}

function binomialish(trials: number, rate: number, random: () => number): number {
  const expected = trials * rate;
  return Math.max(0, Math.round(expected + (random() - 0.5) * 2 * Math.sqrt(expected + 0.25)));
}
