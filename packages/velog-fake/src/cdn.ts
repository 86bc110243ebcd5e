export interface CdnOptions {
  freshSeconds?: number;
  staleSeconds?: number;
}

export interface CachedResponse {
  status: number;
  contentType: string;
  body: string;
}

export type CacheLookup =
  | { state: 'miss' }
  | { state: 'fresh' | 'stale'; response: CachedResponse };

interface Slot {
  response: CachedResponse;
  storedAtMs: number;
}

/**
 * The CDN in front of v2. The key holds the access_token cookie and the request itself, so
 * a refreshed token is a new key; a hit is answered from here and never reaches v2, so it
 * refreshes nothing and may repeat an old total.
 */
export class CdnCache {
  readonly #slots = new Map<string, Slot>();
  readonly freshMs: number;
  readonly staleMs: number;

  constructor(options: CdnOptions = {}) {
    this.freshMs = (options.freshSeconds ?? 900) * 1000;
    this.staleMs = (options.staleSeconds ?? 900) * 1000;
  }

  static key(accessToken: string | undefined, method: string, url: string, body: string): string {
    return JSON.stringify([accessToken ?? null, method, url, body]);
  }

  lookup(key: string, nowMs: number): CacheLookup {
    const slot = this.#slots.get(key);
    if (slot === undefined) return { state: 'miss' };
    const age = nowMs - slot.storedAtMs;
    if (age < 0) return { state: 'miss' };
    if (age < this.freshMs) return { state: 'fresh', response: slot.response };
    if (age < this.freshMs + this.staleMs) return { state: 'stale', response: slot.response };
    this.#slots.delete(key);
    return { state: 'miss' };
  }

  store(key: string, response: CachedResponse, nowMs: number): void {
    this.#slots.set(key, { response, storedAtMs: nowMs });
  }

  clear(): void {
    this.#slots.clear();
  }
}

/** Only successful answers are kept: HTTP 200 whose body carries no `errors`. */
export function isCacheable(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !('errors' in parsed);
  } catch {
    return false;
  }
}
