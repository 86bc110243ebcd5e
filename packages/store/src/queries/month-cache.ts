import type { StatsMonth } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';

/**
 * What the cache may hold, in post-months (a month of a 1,000-post writer weighs 1,000, about
 * 2 MB decoded): four years of such a writer, or decades of a typical one with 50 posts.
 */
const MAX_WEIGHT = 50_000;

function weightOf(month: StatsMonth | null): number {
  return 1 + (month === null ? 0 : Object.keys(month.posts).length);
}

interface Entry {
  /** The writer's newest month as it was when this month was read. */
  token: string;
  month: StatsMonth | null;
}

/**
 * Earlier months of a writer, as last read, for as long as the writer's newest month is
 * unchanged. Every write that can change an earlier month (a scrape's legacy reads, the demo
 * writer, the migration) also records an observation in the newest month, which changes its
 * `lastEnd`; so a reader that reads the newest month fresh and finds the same `lastEnd` knows
 * the earlier months are as cached. Least recently used entries go first.
 */
export class MonthCache {
  private readonly entries = new Map<string, Entry>();
  private weight = 0;

  get(id: string, token: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.token !== token) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  /** Forgets everything (a test that counts reads starts from a cold cache). */
  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  set(id: string, token: string, month: StatsMonth | null): void {
    this.forget(id);
    this.entries.set(id, { token, month });
    this.weight += weightOf(month);
    while (this.weight > MAX_WEIGHT) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
  }

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.weight -= weightOf(entry.month);
  }
}

const caches = new WeakMap<StoreModels, MonthCache>();

/** The cache of one connection's database. */
export function monthCache(models: StoreModels): MonthCache {
  let cache = caches.get(models);
  if (cache === undefined) {
    cache = new MonthCache();
    caches.set(models, cache);
  }
  return cache;
}

/** What identifies a newest month's state: a change to any of the writer's months changes it. */
export function monthToken(latest: StatsMonth): string {
  return `${latest.month}@${latest.lastEnd?.getTime() ?? 'none'}`;
}
