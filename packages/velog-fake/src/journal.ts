import type { Endpoint } from './faults.js';

export interface JournalEntry {
  seq: number;
  endpoint: Endpoint;
  /** The first root field asked for (`currentUser`, `posts`, `getStats`, `auth`), if it parsed. */
  operation: string | null;
  /** The document's operation name, if any. */
  operationName: string | null;
  variables: Record<string, unknown> | null;
  /** The cookies the client sent, parsed from its `Cookie` header. */
  cookies: Record<string, string>;
  origin: string | null;
  /** The fake clock when the request arrived. */
  startedAt: Date;
  /** The fake clock when it was answered; `null` while in flight or when never answered. */
  endedAt: Date | null;
  /** The HTTP status sent; 0 while in flight, for a reset or for a request never answered. */
  status: number;
  setCookie: string[];
  /** v2cdn only: served from the cache. */
  cacheHit?: boolean;
  /** Real `Date.now()` ms, for measuring concurrency (the fake clock does not move). */
  wallStartedAt: number;
  wallEndedAt: number | null;
}

function copy(entry: JournalEntry): JournalEntry {
  return {
    ...entry,
    variables: entry.variables === null ? null : structuredClone(entry.variables),
    cookies: { ...entry.cookies },
    startedAt: new Date(entry.startedAt.getTime()),
    endedAt: entry.endedAt === null ? null : new Date(entry.endedAt.getTime()),
    setCookie: [...entry.setCookie],
  };
}

/** Every request and its answer, and how many were in flight at once. */
export class Journal {
  #entries: JournalEntry[] = [];
  #seq = 0;
  #inFlight = 0;
  #maxInFlight = 0;

  begin(endpoint: Endpoint, cookies: Record<string, string>, origin: string | null, at: Date) {
    this.#seq += 1;
    this.#inFlight += 1;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    const entry: JournalEntry = {
      seq: this.#seq,
      endpoint,
      operation: null,
      operationName: null,
      variables: null,
      cookies,
      origin,
      startedAt: at,
      endedAt: null,
      status: 0,
      setCookie: [],
      wallStartedAt: Date.now(),
      wallEndedAt: null,
    };
    this.#entries.push(entry);
    let open = true;
    return {
      entry,
      /** Marks the request finished (answered, reset or abandoned); later calls are ignored. */
      end: (at: Date | null) => {
        if (!open) return;
        open = false;
        this.#inFlight -= 1;
        entry.endedAt = at;
        entry.wallEndedAt = Date.now();
      },
    };
  }

  entries(): JournalEntry[] {
    return this.#entries.map(copy);
  }

  maxInFlight(): number {
    return this.#maxInFlight;
  }

  reset(): void {
    this.#entries = [];
    this.#maxInFlight = this.#inFlight;
  }
}
