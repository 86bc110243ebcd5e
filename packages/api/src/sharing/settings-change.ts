import { randomBytes } from 'node:crypto';
import type { SettingsUpdate } from '@velog-insights/shared';
import type { EncryptedToken, WriterSettingsDoc } from '@velog-insights/store';

/*
 * What a PUT of the settings does to the stored document, as a pure step: the writer's choices
 * replace the old ones; an address kept keeps its verification, a new one starts unverified
 * under a fresh nonce (voiding links sent to the old one); a webhook keeps its secret while it
 * exists, whatever its URL, and gets a new one when it is first set.
 */

export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function newWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}

export interface SettingsChange {
  doc: WriterSettingsDoc;
  /** Set when the address is new: the verification e-mail to queue. */
  verify: { address: string; nonce: string } | null;
  /** What the stored document keeps as it is (see saveWriterSettings). */
  kept: { email: boolean; webhookSecret: boolean };
}

export function applySettingsUpdate(input: {
  userId: string;
  before: WriterSettingsDoc | null;
  update: SettingsUpdate;
  now: Date;
  /** Encrypts a freshly generated webhook secret. */
  sealSecret: (secret: string) => EncryptedToken;
}): SettingsChange {
  const { before, update, now } = input;
  const address = update.email?.address.trim() ?? null;
  let email: WriterSettingsDoc['email'] = null;
  let verify: SettingsChange['verify'] = null;
  let keptEmail = false;
  if (address !== null) {
    // Addresses differ only in case as often as not by a typing accident; the mailbox is the same.
    const same = before?.email && before.email.address.toLowerCase() === address.toLowerCase();
    if (same && before?.email) {
      email = before.email;
      keptEmail = true;
    } else {
      email = { address, verifiedAt: null, nonce: newNonce() };
      verify = { address, nonce: email.nonce };
    }
  }
  const webhook: WriterSettingsDoc['webhook'] =
    update.webhook === null
      ? null
      : {
          url: update.webhook.url,
          secret: before?.webhook?.secret ?? input.sealSecret(newWebhookSecret()),
        };
  return {
    doc: {
      _id: input.userId,
      lang: update.lang,
      card: update.card,
      leaderboard: update.leaderboard,
      alerts: { ...update.alerts },
      digest: update.digest,
      email,
      webhook,
      updatedAt: now,
    },
    verify,
    kept: {
      email: keptEmail,
      webhookSecret: update.webhook !== null && before?.webhook != null,
    },
  };
}
