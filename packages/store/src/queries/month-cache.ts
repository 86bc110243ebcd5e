import type { StatsMonth } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';

/** Months kept per process: a year of a handful of writers, or a few years of one. */
const MAX_ENTRIES = 200;

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
  }

  set(id: string, token: string, month: StatsMonth | null): void {
    this.entries.delete(id);
    this.entries.set(id, { token, month });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
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
