import type { UserDoc } from './models.js';

/**
 * The due time of a writer who is due whatever the clock says: one the API asked a scrape
 * for, or one never scraped. The epoch rather than the request's time, so that an API clock a
 * little ahead of the worker's cannot hold the request back a tick.
 */
export const ALWAYS_DUE = new Date(0);

/** What the due time depends on; of the tokens, only whether there are any. */
export interface DueFields {
  isDemo?: boolean;
  authStatus?: UserDoc['authStatus'];
  tokens?: Partial<NonNullable<UserDoc['tokens']>> | null;
  scrape?: Pick<UserDoc['scrape'], 'nextDueAt' | 'requestedAt'> | null;
}

/** A projection of what `scrapeDueAt` reads; of the tokens, only the date they were stored. */
export const DUE_FIELDS = { isDemo: 1, authStatus: 1, 'tokens.updatedAt': 1, scrape: 1 } as const;

/**
 * The instant from which an ordinary tick scrapes this writer (`null`: never), stored as
 * `scrape.dueAt` so the tick can find due writers through an index. It must say what the
 * worker's `isUserDue` says without `force`, for every clock: a property test holds them
 * together.
 */
export function scrapeDueAt(user: DueFields): Date | null {
  if (user.isDemo || user.authStatus !== 'active' || !user.tokens) return null;
  const scrape = user.scrape;
  if (!scrape || scrape.requestedAt || !scrape.nextDueAt) return ALWAYS_DUE;
  return scrape.nextDueAt;
}
