import { z } from 'zod';

/*
 * What a writer has chosen to share and to be told. Everything is off until the writer turns it
 * on: a writer with no stored settings has exactly `DEFAULT_WRITER_SETTINGS`.
 */

export const SettingsLang = z.enum(['ko', 'en']);
export type SettingsLang = z.infer<typeof SettingsLang>;

/** The alerts a writer may choose; each is sent once per occasion (the outbox's idempotency key). */
export const AlertChoices = z.object({
  /** velog no longer accepts the stored tokens: once, at once. */
  tokensRejected: z.boolean(),
  /** A post passes 100, 1,000 or 10,000 views. */
  milestones: z.boolean(),
  /** A day far above the writer's normal. */
  spike: z.boolean(),
  /** Scrapes have failed for a whole day. */
  scrapeFailing: z.boolean(),
});
export type AlertChoices = z.infer<typeof AlertChoices>;

/** The settings as the writer sees and edits them (never shown to anyone else). */
export const WriterSettings = z.object({
  /** The language of e-mails, webhooks and the public card. */
  lang: SettingsLang,
  /** The public stats card at /card/{username}.svg. */
  card: z.boolean(),
  /** A place on the public leaderboard. */
  leaderboard: z.boolean(),
  alerts: AlertChoices,
  /** The weekly digest e-mail (Monday morning KST). */
  digest: z.boolean(),
  /** Alerts and the digest go only to a verified address. */
  email: z.object({ address: z.email(), verified: z.boolean() }).nullable(),
  /** Slack- and Discord-compatible JSON, signed with the writer's own secret. */
  webhook: z.object({ url: z.url() }).nullable(),
});
export type WriterSettings = z.infer<typeof WriterSettings>;

export const DEFAULT_WRITER_SETTINGS: WriterSettings = {
  lang: 'ko',
  card: false,
  leaderboard: false,
  alerts: { tokensRejected: false, milestones: false, spike: false, scrapeFailing: false },
  digest: false,
  email: null,
  webhook: null,
};

/** What the outbox carries; `verify-email` is the one message sent to an unverified address. */
export const OutboxKind = z.enum([
  'verify-email',
  'tokens-rejected',
  'milestone',
  'spike',
  'scrape-failing',
  'digest',
]);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const OutboxChannel = z.enum(['email', 'webhook']);
export type OutboxChannel = z.infer<typeof OutboxChannel>;
