import {
  type AlertChoices,
  DEFAULT_WRITER_SETTINGS,
  type SettingsLang,
  type WriterSettings,
} from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import type { EncryptedToken } from '../token-crypto.js';

/**
 * A writer's sharing and alert settings as stored (`writer_settings`, `_id` = user id), read
 * by `_id` wherever they are needed. The API is the only writer of this document; the worker
 * only reads it. No document means every default: all off.
 */
export interface WriterSettingsDoc {
  _id: string;
  lang: SettingsLang;
  card: boolean;
  leaderboard: boolean;
  alerts: AlertChoices;
  digest: boolean;
  email: {
    address: string;
    /** `null` until the writer opened the signed link sent to this address. */
    verifiedAt: Date | null;
    /** Changes with every new address, so a link sent to an earlier address verifies nothing. */
    nonce: string;
  } | null;
  webhook: {
    url: string;
    /** The HMAC key the receiver checks signatures with; shown only to its writer. */
    secret: EncryptedToken;
  } | null;
  updatedAt: Date;
}

export async function readWriterSettings(
  models: StoreModels,
  userId: string,
): Promise<WriterSettingsDoc | null> {
  return models.WriterSettings.findById(userId).lean<WriterSettingsDoc>().exec();
}

/** The writer's view: no secret, no nonce. */
export function toWriterSettings(doc: WriterSettingsDoc | null): WriterSettings {
  if (!doc) return DEFAULT_WRITER_SETTINGS;
  return {
    lang: doc.lang,
    card: doc.card,
    leaderboard: doc.leaderboard,
    alerts: { ...DEFAULT_WRITER_SETTINGS.alerts, ...doc.alerts },
    digest: doc.digest,
    email: doc.email
      ? { address: doc.email.address, verified: doc.email.verifiedAt !== null }
      : null,
    webhook: doc.webhook ? { url: doc.webhook.url } : null,
  };
}

/** Where e-mail may be sent: a verified address, or none. */
export function verifiedEmail(doc: WriterSettingsDoc | null): string | null {
  return doc?.email?.verifiedAt ? doc.email.address : null;
}
