import {
  DUE_WRITER_FIELDS,
  type DueWriter,
  findDueWriters,
  readWake,
  type StoreModels,
  scrapeDueAt,
  storeDueAt,
  storeWake,
  type Wake,
} from '@velog-insights/store';
import type { Logger } from './logger.js';
import { nextWakeAt } from './scrape/next-wake.js';

/**
 * How long a tick trusts the wake document before it queries anyway. On MongoDB the document
 * is exact; on FerretDB v1 two updates of one document can interleave and lose one
 * (docs/database.md), so a lowering may be lost, and this bounds how late that writer is.
 */
export const WAKE_AT_LEAST_EVERY_MS = 15 * 60_000;

export type CycleWriter = DueWriter;

/** A writer's due time as a cycle leaves it (`undefined`: unknown, e.g. a document without one). */
export type DueTimes = Map<string, Date | null | undefined>;

export interface CycleWriters {
  users: CycleWriter[];
  /**
   * For a tick or a forced run: the wake document as read before the writers were (the next
   * wake time is written only if it is unchanged since), and the earliest due time among the
   * writers not returned. Absent for `--user`, which leaves the wake time alone.
   */
  wake?: { read: Wake | null; laterDueAt: Date | null };
}

/**
 * The writers a cycle looks at: the named one, everyone for a forced run, else those due.
 * `null` when the wake document says nobody is due yet: that tick made one `_id` read.
 */
export async function findCycleWriters(
  models: StoreModels,
  input: { username?: string | undefined; force: boolean; now: Date },
): Promise<CycleWriters | null> {
  const find = (filter: object) =>
    models.User.find(filter).select(DUE_WRITER_FIELDS).lean<CycleWriter[]>();
  if (input.username !== undefined) return { users: await find({ username: input.username }) };
  const read = await readWake(models);
  if (input.force)
    return { users: await find({ isDemo: false }), wake: { read, laterDueAt: null } };
  if (read !== null && read.at > input.now) return null;
  const { due, laterDueAt } = await findDueWriters(models, input.now);
  return { users: due, wake: { read, laterDueAt } };
}

const instant = (date: Date | null | undefined) => (date ? date.getTime() : date);

/**
 * Corrects the stored due time of writers a cycle passed over whose fields say otherwise (one
 * written before due times existed, or whose status changed by a path that did not set it),
 * so the due query stops returning them; `dueTimes` learns what they are now.
 */
export async function correctDueTimes(
  models: StoreModels,
  passedOver: readonly CycleWriter[],
  dueTimes: DueTimes,
): Promise<void> {
  const wrong = passedOver.filter((user) => {
    const dueAt = scrapeDueAt(user);
    dueTimes.set(user._id, dueAt);
    return instant(user.scrape?.dueAt) !== instant(dueAt);
  });
  await Promise.all(wrong.map((user) => storeDueAt(models, user)));
}

/**
 * After a tick or a forced run: the next wake time, from the due times the cycle saw and left.
 * A writer it skipped keeps a due time that has come, so the next tick wakes for it.
 */
export async function storeNextWake(
  models: StoreModels,
  logger: Logger,
  wake: NonNullable<CycleWriters['wake']>,
  input: { dueTimes: DueTimes; now: Date },
): Promise<void> {
  const notAfter = new Date(input.now.getTime() + WAKE_AT_LEAST_EVERY_MS);
  const at = nextWakeAt([wake.laterDueAt, ...input.dueTimes.values()], notAfter);
  try {
    await storeWake(models, wake.read, at);
  } catch (error) {
    logger.warn({ err: error }, 'wake time not stored; the next tick queries again');
  }
}
