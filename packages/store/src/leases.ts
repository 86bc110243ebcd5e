import type { StoreModels } from './models.js';

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === 11000;
}

/** Who holds a writer's lease, as the store says. */
export interface LeaseHolder {
  workerId: string;
  runId: string;
  expiresAt: Date;
}

export type LeaseAttempt =
  /** `tookOver`: the holder whose lease had run out, taken over by this attempt. */
  | { acquired: true; tookOver?: LeaseHolder }
  /** `holder` is absent when the lease changed hands twice while this attempt looked. */
  | { acquired: false; holder?: LeaseHolder };

/**
 * Takes a writer's lease for one scrape. The lease is an insert under `_id` = user id, which
 * both MongoDB and FerretDB make exclusive (a conditional find-and-modify is atomic only on
 * MongoDB). A lease past its `expiresAt` belongs to a worker that stopped renewing it (killed,
 * or cut off from the database): it is deleted by its own run id, so of two workers taking it
 * over only one insert can win.
 */
export async function acquireLease(
  models: StoreModels,
  input: { userId: string; workerId: string; runId: string; now: Date; ttlMs: number },
): Promise<LeaseAttempt> {
  const { userId, workerId, runId, now, ttlMs } = input;
  const lease = {
    _id: userId,
    workerId,
    runId,
    claimedAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  };
  let tookOver: LeaseHolder | undefined;
  let holder: LeaseHolder | undefined;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await models.ScrapeClaim.collection.insertOne(lease as never);
      return tookOver ? { acquired: true, tookOver } : { acquired: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const held = await models.ScrapeClaim.findById(userId).lean();
    if (!held) continue;
    holder = { workerId: held.workerId, runId: held.runId, expiresAt: held.expiresAt };
    if (held.expiresAt > now) break;
    const removed = await models.ScrapeClaim.deleteOne({ _id: userId, runId: held.runId });
    if (removed.deletedCount === 1) tookOver = holder;
  }
  return holder ? { acquired: false, holder } : { acquired: false };
}

/**
 * Extends a lease this run holds, by `_id` and run id. False when it is no longer this run's:
 * it ran out and another worker took it over. A lease that ran out and that nobody took is
 * still this run's, and renewing it is safe: a takeover deletes it first.
 */
export async function renewLease(
  models: StoreModels,
  input: { userId: string; runId: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const renewed = await models.ScrapeClaim.updateOne(
    { _id: input.userId, runId: input.runId },
    { $set: { expiresAt: new Date(input.now.getTime() + input.ttlMs) } },
  );
  return renewed.matchedCount === 1;
}

/** Releases a lease this run holds; someone else's (after a takeover) is left alone. */
export async function releaseLease(
  models: StoreModels,
  userId: string,
  runId: string,
): Promise<void> {
  await models.ScrapeClaim.deleteOne({ _id: userId, runId });
}
