import type { StoreModels } from './models.js';

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === 11000;
}

/**
 * Claims a user for one scrape. The claim is an insert under `_id` = user id, which both
 * MongoDB and FerretDB make exclusive (a conditional find-and-modify is atomic only on
 * MongoDB). A claim past its `expiresAt` belongs to a crashed worker: it is deleted by its own
 * run id, so of two workers taking it over only one insert can win.
 */
export async function claimUser(
  models: StoreModels,
  input: { userId: string; workerId: string; runId: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const { userId, workerId, runId, now, ttlMs } = input;
  const claim = {
    _id: userId,
    workerId,
    runId,
    claimedAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await models.ScrapeClaim.collection.insertOne(claim as never);
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const held = await models.ScrapeClaim.findById(userId).lean();
    if (held && held.expiresAt > now) return false;
    if (held) await models.ScrapeClaim.deleteOne({ _id: userId, runId: held.runId });
  }
  return false;
}

/** Releases a claim this run holds; someone else's (after an expiry takeover) is left alone. */
export async function releaseUser(
  models: StoreModels,
  userId: string,
  runId: string,
): Promise<void> {
  await models.ScrapeClaim.deleteOne({ _id: userId, runId });
}
