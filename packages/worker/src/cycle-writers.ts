import {
  DUE_WRITER_FIELDS,
  type DueWriter,
  findDueWriters,
  readWake,
  recomputeWake,
  type StoreModels,
  scrapeDueAt,
  storeDueAt,
} from '@velog-insights/store';

/**
 * How long a tick trusts the wake document before it queries anyway. On MongoDB the document
 * is exact; on FerretDB v1 two updates of one document can interleave and lose one
 * (docs/database.md), so a lowering may be lost, and this bounds how late that writer is.
 */
export const WAKE_AT_LEAST_EVERY_MS = 15 * 60_000;

export type CycleWriter = DueWriter;

/**
 * The writers a cycle looks at: the named one, everyone for a forced run, else those due.
 * `null` when the wake document says nobody is due yet: that tick made one `_id` read.
 */
export async function findCycleWriters(
  models: StoreModels,
  input: { username?: string | undefined; force: boolean; now: Date },
): Promise<CycleWriter[] | null> {
  if (input.username !== undefined || input.force) {
    const filter = input.username !== undefined ? { username: input.username } : { isDemo: false };
    return models.User.find(filter).select(DUE_WRITER_FIELDS).lean<CycleWriter[]>();
  }
  const wake = await readWake(models);
  if (wake !== null && wake.at > input.now) return null;
  return findDueWriters(models, input.now);
}

const instant = (date: Date | null | undefined) => (date ? date.getTime() : date);

/**
 * Corrects the stored due time of writers a cycle passed over whose fields say otherwise (one
 * written before a due time existed, or whose status changed by a path that did not set it),
 * so the due query stops returning them.
 */
export async function correctDueTimes(
  models: StoreModels,
  passedOver: readonly CycleWriter[],
): Promise<void> {
  const wrong = passedOver.filter(
    (user) => instant(user.scrape?.dueAt) !== instant(scrapeDueAt(user)),
  );
  await Promise.all(wrong.map((user) => storeDueAt(models, user)));
}

/** After a tick or forced run: the next wake time, from every due time as it now stands. */
export async function scheduleWake(models: StoreModels, now: Date): Promise<void> {
  await recomputeWake(models, { notAfter: new Date(now.getTime() + WAKE_AT_LEAST_EVERY_MS) });
}
