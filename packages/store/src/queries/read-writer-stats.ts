import { type KstDate, toKstDate } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import { readPostDetails, type StoredPostDetails } from '../months/writer-posts.js';
import { findUser, type UserView } from './find-user.js';
import { type ReadOptions, throwIfAborted } from './read-options.js';
import { readWriterMonths, type WriterMonths } from './read-writer-months.js';

export interface WriterStats extends WriterMonths {
  user: UserView;
  /** The posts' listing details by velog post id; `null` when the caller did not ask for them. */
  details: ReadonlyMap<string, StoredPostDetails> | null;
}

/**
 * A writer and what the dashboard shows of them for a range: the months it touches and the
 * newest month (readWriterMonths), and the one document of post details. Every read is by
 * `_id`: the user, one per month, one for the details, whatever the number of posts.
 * `null` when the writer is unknown.
 */
export async function readWriterStats(
  models: StoreModels,
  userId: string,
  range: { from: KstDate; to: KstDate },
  today: KstDate,
  options: ReadOptions & {
    /** The summary and the charts need no titles: the details document is left unread. */
    details?: boolean;
    /** A second range whose months are read too (the summary's recent days). */
    alsoRange?: { from: KstDate; to: KstDate };
  } = {},
): Promise<WriterStats | null> {
  const { signal } = options;
  throwIfAborted(signal);
  const [user, details] = await Promise.all([
    findUser(models, userId),
    options.details === false ? null : readPostDetails(models, userId),
  ]);
  if (user === null) return null;
  const months = await readWriterMonths(models, userId, range, today, {
    since: firstPossibleDay(user),
    signal,
    alsoRange: options.alsoRange,
  });
  return { user, ...months, details };
}

/**
 * The first day the writer's data can start on: their sign-in, or the first snapshot day
 * when that is earlier (a writer whose history was written before the account, as the demo's).
 */
export function firstPossibleDay(user: UserView): KstDate | null {
  const created = user.createdAt instanceof Date ? toKstDate(user.createdAt) : null;
  const first = (user.scrape?.firstSnapshotDay ?? null) as KstDate | null;
  if (created === null || first === null) return created ?? first;
  // KST date strings sort as the days do.
  if (first < created) return first;
  return created;
}
