import type { StoreModels } from '../models.js';
import type { WriterSettingsDoc } from './writer-settings.js';

/*
 * The writes of `writer_settings`, all by `_id`. Only the API calls these: the worker reads the
 * settings and never changes them.
 */

/** The whole document, as the writer's PUT decided it (the API keeps nonce and secret). */
export async function saveWriterSettings(
  models: StoreModels,
  doc: WriterSettingsDoc,
): Promise<void> {
  await models.WriterSettings.collection.replaceOne({ _id: doc._id } as never, doc as never, {
    upsert: true,
  });
}

/**
 * Marks the address verified when `nonce` is still the stored one. `stale`: the writer has
 * since changed or re-sent the address (or has none), so this link verifies nothing.
 */
export async function markEmailVerified(
  models: StoreModels,
  userId: string,
  nonce: string,
  now: Date,
): Promise<'verified' | 'already-verified' | 'stale'> {
  const result = await models.WriterSettings.collection.updateOne(
    { _id: userId, 'email.nonce': nonce, 'email.verifiedAt': null } as never,
    { $set: { 'email.verifiedAt': now, updatedAt: now } },
  );
  if (result.modifiedCount === 1) return 'verified';
  const doc = await models.WriterSettings.findById(userId).lean<WriterSettingsDoc>().exec();
  if (doc?.email?.nonce === nonce && doc.email.verifiedAt !== null) return 'already-verified';
  return 'stale';
}

/** Turns one list off (`alerts`: every alert choice). `unknown-writer` when there is nothing. */
export async function leaveList(
  models: StoreModels,
  userId: string,
  list: 'digest' | 'alerts',
  now: Date,
): Promise<'left' | 'unknown-writer'> {
  const off =
    list === 'digest'
      ? { digest: false }
      : {
          'alerts.tokensRejected': false,
          'alerts.milestones': false,
          'alerts.spike': false,
          'alerts.scrapeFailing': false,
        };
  const result = await models.WriterSettings.collection.updateOne({ _id: userId } as never, {
    $set: { ...off, updatedAt: now },
  });
  // No document means every default: nothing is on, so there is nothing to leave.
  return result.matchedCount === 1 ? 'left' : 'unknown-writer';
}
