import { z } from 'zod';
import { AlertChoices, SettingsLang, WriterSettings } from '../models/writer-settings.js';
import { KstDate } from '../time/kst.js';

/*
 * The settings, webhook-secret and leaderboard shapes, as the API sends and takes them and the
 * dashboard parses them. Request bodies are strict: a field we do not know is a 400, never
 * silently dropped, so a writer's typo cannot look saved.
 */

/** `PUT /api/settings`: the whole `WriterSettings`, except what only we decide (`verified`). */
export const SettingsUpdate = z.strictObject({
  lang: SettingsLang,
  card: z.boolean(),
  leaderboard: z.boolean(),
  alerts: z.strictObject(AlertChoices.shape),
  digest: z.boolean(),
  email: z.strictObject({ address: z.email().max(254) }).nullable(),
  webhook: z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2048) }).nullable(),
});
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

export const SettingsResponse = WriterSettings;
export type SettingsResponse = z.infer<typeof SettingsResponse>;

/** The webhook's HMAC key, shown to its writer alone (hex, 32 bytes). */
export const WebhookSecretResponse = z.object({ secret: z.string().regex(/^[0-9a-f]{64}$/) });
export type WebhookSecretResponse = z.infer<typeof WebhookSecretResponse>;

/** `POST /api/settings/email/resend`: when the new link was queued. */
export const VerificationResendResponse = z.object({ queuedAt: z.coerce.date() });
export type VerificationResendResponse = z.infer<typeof VerificationResendResponse>;

export const LeaderboardBy = z.enum(['views', 'likes']);
export type LeaderboardBy = z.infer<typeof LeaderboardBy>;

export const LEADERBOARD_MAX_LIMIT = 100;

export const LeaderboardQuery = z.object({
  by: LeaderboardBy.default('views'),
  days: z.enum(['7', '30']).default('7'),
  limit: z.coerce.number().int().min(1).max(LEADERBOARD_MAX_LIMIT).default(10),
});
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;

/** One opted-in writer's place: nothing but what a reader of the board needs. */
export const LeaderboardEntry = z.strictObject({
  rank: z.number().int().min(1),
  username: z.string(),
  displayName: z.string(),
  value: z.number().int(),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntry>;

export const LeaderboardResponse = z.object({
  by: LeaderboardBy,
  days: z.union([z.literal(7), z.literal(30)]),
  /** The complete KST days counted: `days` days ending yesterday (KST). */
  from: KstDate,
  to: KstDate,
  entries: z.array(LeaderboardEntry),
});
export type LeaderboardResponse = z.infer<typeof LeaderboardResponse>;

/** `?lang=` of the public card; absent means the writer's own choice. */
export const CardQuery = z.object({ lang: SettingsLang.optional() });
export type CardQuery = z.infer<typeof CardQuery>;
