import { randomUUID } from 'node:crypto';
import type { OutboxChannel } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import type { OutboxDoc } from './outbox.js';

/*
 * Delivering the outbox without two workers ever sending one entry. A conditional update is
 * not exclusive on FerretDB v1 (docs/database.md), so the exclusive step is an insert into
 * `outbox_claims` under `<key>#<attempt>`, which both servers refuse twice. The winner reads
 * the entry again (another worker may have delivered or retried it since it was listed),
 * notes its claim on the entry for operators, sends, and records the outcome on the entry
 * before it deletes its claim: whoever inserts the same claim afterwards reads the outcome
 * and backs off. A claim past `until` belongs to a worker presumed gone; it is deleted by its
 * own claim id, so of two workers taking it over only one insert wins.
 */

export const OUTBOX_CLAIMS_COLLECTION = 'outbox_claims';

interface OutboxClaimDoc {
  _id: string;
  claimId: string;
  workerId: string;
  until: Date;
}

export interface OutboxClaim {
  entry: OutboxDoc;
  claimId: string;
  workerId: string;
  until: Date;
}

function claims(models: StoreModels) {
  return models.Outbox.db.collection<OutboxClaimDoc>(OUTBOX_CLAIMS_COLLECTION);
}

function claimKey(entry: Pick<OutboxDoc, '_id' | 'attempts'>): string {
  return `${entry._id}#${entry.attempts}`;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === 11000;
}

/** Pending entries whose time has come, oldest first (a scan on FerretDB; the outbox is small). */
export async function findDueOutbox(
  models: StoreModels,
  input: { now: Date; channels: readonly OutboxChannel[]; limit: number },
): Promise<OutboxDoc[]> {
  if (input.channels.length === 0) return [];
  return models.Outbox.collection
    .find<OutboxDoc>({
      state: 'pending',
      nextAttemptAt: { $lte: input.now },
      channel: { $in: [...input.channels] },
    })
    .sort({ nextAttemptAt: 1 })
    .limit(input.limit)
    .toArray();
}

/** Whether an entry exists under `key` (pending, sent or failed): one `_id` read. */
export async function outboxHas(models: StoreModels, key: string): Promise<boolean> {
  const found = await models.Outbox.collection.findOne({ _id: key as never }, {
    projection: { _id: 1 },
  } as never);
  return found !== null;
}

/**
 * Claims this attempt of `listed` for `workerId` until `now + ttlMs`; `null` when another
 * worker holds it, or the entry is no longer pending at that attempt.
 */
export async function claimOutboxEntry(
  models: StoreModels,
  listed: Pick<OutboxDoc, '_id' | 'attempts'>,
  input: { workerId: string; now: Date; ttlMs: number },
): Promise<OutboxClaim | null> {
  const id = claimKey(listed);
  const claim: OutboxClaimDoc = {
    _id: id,
    claimId: randomUUID(),
    workerId: input.workerId,
    until: new Date(input.now.getTime() + input.ttlMs),
  };
  let won = false;
  for (let attempt = 0; attempt < 2 && !won; attempt += 1) {
    try {
      await claims(models).insertOne(claim);
      won = true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const held = await claims(models).findOne({ _id: id });
      if (held === null) continue;
      if (held.until > input.now) return null;
      await claims(models).deleteOne({ _id: id, claimId: held.claimId });
    }
  }
  if (!won) return null;
  const entry = await models.Outbox.collection.findOne<OutboxDoc>({ _id: listed._id as never });
  if (entry === null || entry.state !== 'pending' || entry.attempts !== listed.attempts) {
    await claims(models).deleteOne({ _id: id, claimId: claim.claimId });
    return null;
  }
  const noted = { workerId: claim.workerId, until: claim.until };
  await models.Outbox.collection.updateOne({ _id: entry._id as never }, { $set: { claim: noted } });
  return { entry: { ...entry, claim: noted }, ...noted, claimId: claim.claimId };
}

async function release(models: StoreModels, claim: OutboxClaim): Promise<void> {
  await claims(models).deleteOne({ _id: claimKey(claim.entry), claimId: claim.claimId });
}

/**
 * The entry as this attempt found it: an attempt that outlived its claim, whose entry another
 * worker has since sent or tried, changes nothing (a late failure never reopens a sent entry).
 */
function settledBy(claim: OutboxClaim) {
  return {
    _id: claim.entry._id as never,
    state: 'pending',
    attempts: claim.entry.attempts,
  } as never;
}

export async function markOutboxSent(
  models: StoreModels,
  claim: OutboxClaim,
  now: Date,
): Promise<void> {
  await models.Outbox.collection.updateOne(settledBy(claim), {
    $set: {
      state: 'sent',
      sentAt: now,
      attempts: claim.entry.attempts + 1,
      claim: null,
      lastError: null,
    },
  } as never);
  await release(models, claim);
}

/**
 * A failed attempt: tried again at `retryAt`, or `failed` for good when it is `null` (the
 * attempts are spent, or trying again cannot help).
 */
export async function markOutboxFailed(
  models: StoreModels,
  claim: OutboxClaim,
  input: { now: Date; error: string; retryAt: Date | null },
): Promise<void> {
  await models.Outbox.collection.updateOne(settledBy(claim), {
    $set: {
      state: input.retryAt === null ? 'failed' : 'pending',
      attempts: claim.entry.attempts + 1,
      nextAttemptAt: input.retryAt ?? input.now,
      claim: null,
      lastError: input.error.slice(0, 500),
    },
  } as never);
  await release(models, claim);
}
