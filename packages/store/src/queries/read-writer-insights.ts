import type { KstDate } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { readPostDetails, type StoredPostDetails } from '../months/writer-posts.js';
import { findUser } from './find-user.js';
import { type ReadOptions, throwIfAborted } from './read-options.js';
import { readWriterMonths } from './read-writer-months.js';
import { firstPossibleDay, type WriterStats } from './read-writer-stats.js';

/**
 * A writer with the months an insight needs, where which months depends on the posts: a
 * launch curve reaches back to each post's publication. The user and the details document are
 * read first (by `_id`), `rangeOf` picks the days from the posts' details, and the months are
 * then read once, as for any range (readWriterMonths). `null` when the writer is unknown.
 */
export async function readWriterInsights(
  models: StoreModels,
  userId: string,
  today: KstDate,
  rangeOf: (details: ReadonlyMap<string, StoredPostDetails>) => {
    from: KstDate;
    to: KstDate;
    /** A second span whose months are read too, not those between (as readWriterMonths). */
    also?: { from: KstDate; to: KstDate };
  },
  options: ReadOptions = {},
): Promise<WriterStats | null> {
  const { signal } = options;
  throwIfAborted(signal);
  const [user, details] = await Promise.all([
    findUser(models, userId),
    readPostDetails(models, userId),
  ]);
  if (user === null) return null;
  const { also, ...range } = rangeOf(details);
  const months = await readWriterMonths(models, userId, range, today, {
    since: firstPossibleDay(user),
    signal,
    alsoRange: also,
  });
  return { user, ...months, details };
}
