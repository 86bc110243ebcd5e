import type { StoreModels } from '../models.js';
import type { EncryptedToken } from '../token-crypto.js';
import type { WriterSettingsDoc } from './writer-settings.js';

/*
 * The writes of `writer_settings`, all by `_id`. Only the API calls these: the worker reads the
 * settings and never changes them.
 */

/**
 * The settings as the writer's PUT decided them. An address the writer kept is left as stored,
 * and so is a kept webhook's secret: a verification or a secret rotation that lands between
 * this request's read and its write is not undone by it.
 */
export async function saveWriterSettings(
  models: StoreModels,
  doc: WriterSettingsDoc,
  kept: { email: boolean; webhookSecret: boolean } = { email: false, webhookSecret: false },
): Promise<void> {
  const set: Record<string, unknown> = {
    lang: doc.lang,
    card: doc.card,
    leaderboard: doc.leaderboard,
    alerts: doc.alerts,
    digest: doc.digest,
    updatedAt: doc.updatedAt,
  };
  if (!kept.email) set.email = doc.email;
  if (kept.webhookSecret && doc.webhook) {
    // Only the URL, so a secret rotated meanwhile stays; but only where a webhook still is (a
    // removal meanwhile left `webhook: null`, under which no field can be set).
    const urlOnly = await models.WriterSettings.collection.updateOne(
      { _id: doc._id, 'webhook.secret': { $exists: true } } as never,
      { $set: { ...set, 'webhook.url': doc.webhook.url } },
    );
    if (urlOnly.matchedCount > 0) return;
  }
  await models.WriterSettings.collection.updateOne(
    { _id: doc._id } as never,
    { $set: { ...set, webhook: doc.webhook } },
    { upsert: true },
  );
}

/** A new secret for the webhook at `url`; false when the writer has since changed or removed it. */
export async function replaceWebhookSecret(
  models: StoreModels,
  userId: string,
  url: string,
  secret: EncryptedToken,
  now: Date,
): Promise<boolean> {
  const result = await models.WriterSettings.collection.updateOne(
    { _id: userId, 'webhook.url': url } as never,
    { $set: { 'webhook.secret': secret, updatedAt: now } },
  );
  return result.matchedCount === 1;
}

/**
 * A new nonce for the unverified `address` (a resend): links sent before verify nothing.
 * False when the address changed or was verified meanwhile.
 */
export async function renewEmailNonce(
  models: StoreModels,
  userId: string,
  address: string,
  nonce: string,
  now: Date,
): Promise<boolean> {
  const result = await models.WriterSettings.collection.updateOne(
    { _id: userId, 'email.address': address, 'email.verifiedAt': null } as never,
    { $set: { 'email.nonce': nonce, updatedAt: now } },
  );
  return result.matchedCount === 1;
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
