import type { OutboxChannel, OutboxKind } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';

/**
 * A message to deliver (`outbox`, `_id` = its idempotency key). Whoever notices an occasion
 * (the worker for alerts and digests, the API for a verification e-mail) inserts it under a key
 * that names the occasion — `milestone:<userId>:<postId>:1000:email` — so noticing it twice,
 * in two processes at once, queues it once: the second insert is a duplicate `_id`. Delivery
 * claims the entry by a conditional update, so two workers never send the same one.
 */
export interface OutboxDoc {
  _id: string;
  userId: string;
  channel: OutboxChannel;
  kind: OutboxKind;
  /** What the message says, as plain data; it is rendered (language, links) at delivery. */
  payload: Record<string, unknown>;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** When a pending entry may next be tried: now at first, later after each failure. */
  nextAttemptAt: Date;
  /** The worker sending it and until when; a claim past `until` may be taken over. */
  claim: { workerId: string; until: Date } | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface OutboxEntry {
  key: string;
  userId: string;
  channel: OutboxChannel;
  kind: OutboxKind;
  payload: Record<string, unknown>;
}

/** `already-queued`: an entry with this key exists (pending, sent or failed): nothing is added. */
export async function enqueueOutbox(
  models: StoreModels,
  entry: OutboxEntry,
  now: Date,
): Promise<'queued' | 'already-queued'> {
  try {
    await models.Outbox.collection.insertOne({
      _id: entry.key,
      userId: entry.userId,
      channel: entry.channel,
      kind: entry.kind,
      payload: entry.payload,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      claim: null,
      lastError: null,
      createdAt: now,
      sentAt: null,
    } satisfies OutboxDoc as never);
    return 'queued';
  } catch (error) {
    if ((error as { code?: unknown }).code === 11000) return 'already-queued';
    throw error;
  }
}
