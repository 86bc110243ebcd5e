import type { OutboxChannel, OutboxKind, SettingsLang } from '@velog-insights/shared';
import {
  claimOutboxEntry,
  decryptToken,
  findDueOutbox,
  markOutboxFailed,
  markOutboxSent,
  type OutboxClaim,
  type OutboxDoc,
  readWriterSettings,
  type StoreModels,
  signLink,
  type TokenKey,
  verifiedEmail,
  type WriterSettingsDoc,
} from '@velog-insights/store';
import pLimit from 'p-limit';
import type { Logger } from '../logger.js';
import type { Mailer } from './mail.js';
import { type OutboxMessage, parseOutboxMessage } from './payloads.js';
import { type MessageLinks, renderMessage } from './render.js';
import { postWebhook } from './webhook.js';

/*
 * Delivering what the outbox holds: each due entry is claimed (exclusively, across workers:
 * outbox-delivery.ts in the store), rendered in the writer's language from their settings as
 * they are now, sent, and marked. A failed send is tried again later, each wait twice the one
 * before up to a cap, and given up after `maxAttempts`; an entry that can never be sent (no
 * verified address any more, the writer turned that alert off, a newer address) is marked
 * failed at once with the reason.
 */

export interface RetryPolicy {
  /** The wait after the first failure; each further one doubles it. */
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 60_000, capMs: 3_600_000, maxAttempts: 8 };

/** When to try again after `attempts` failed attempts; `null`: give up. */
export function retryAt(attempts: number, now: Date, policy: RetryPolicy): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const wait = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + wait);
}

/** How long a claim lasts: far longer than a send may take (a webhook's timeout, SMTP's). */
export const DEFAULT_CLAIM_TTL_MS = 5 * 60_000;

/** How long a verification link stays good (the contract in HELPERS.md). */
export const VERIFY_LINK_TTL_S = 24 * 3_600;

export interface DeliveryContext {
  models: StoreModels;
  logger: Logger;
  now: () => Date;
  workerId: string;
  tokenKeys: { current: TokenKey; all: readonly TokenKey[] };
  /** `null`: e-mail is off (no SMTP_URL): e-mail entries wait, untouched. */
  mailer: Mailer | null;
  /** The base of the links in messages, without a trailing slash. */
  publicUrl: string;
  webhookTimeoutMs: number;
  allowPrivateWebhooks: boolean;
  claimTtlMs?: number;
  retry?: RetryPolicy;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/** Entries listed per round; a busy outbox is worked through in rounds. */
const ROUND = 20;
const MAX_ROUNDS = 50;

/**
 * Delivers every due entry this worker can claim, then returns. Quiet when there is nothing:
 * a tick with an empty outbox is one query and no log line.
 */
export async function deliverOutbox(context: DeliveryContext): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const channels: OutboxChannel[] = context.mailer ? ['email', 'webhook'] : ['webhook'];
  const limit = pLimit(4);
  const passed = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    // Entries another worker holds stay due until it is done: listed past them, not stuck on them.
    const listed = await findDueOutbox(context.models, {
      now: context.now(),
      channels,
      limit: ROUND + passed.size,
    });
    const due = listed.filter((entry) => !passed.has(`${entry._id}#${entry.attempts}`));
    if (due.length === 0) break;
    await Promise.all(
      due.map((listed) =>
        limit(async () => {
          // Whether claimed here or elsewhere, this attempt is done with as far as this call goes.
          passed.add(`${listed._id}#${listed.attempts}`);
          const claim = await claimOutboxEntry(context.models, listed, {
            workerId: context.workerId,
            now: context.now(),
            ttlMs: context.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
          });
          if (claim === null) return;
          const outcome = await deliverClaimed(context, claim);
          report[outcome] += 1;
        }),
      ),
    );
  }
  return report;
}

type Outcome = keyof DeliveryReport;

/** Where an entry goes, or why it never can. */
type Destination = { to: string } | { never: string };

const CHOICE: Record<Exclude<OutboxKind, 'verify-email'>, (s: WriterSettingsDoc) => boolean> = {
  'tokens-rejected': (s) => s.alerts?.tokensRejected === true,
  milestone: (s) => s.alerts?.milestones === true,
  spike: (s) => s.alerts?.spike === true,
  'scrape-failing': (s) => s.alerts?.scrapeFailing === true,
  digest: (s) => s.digest === true,
};

function destination(
  entry: OutboxDoc,
  message: OutboxMessage,
  settings: WriterSettingsDoc | null,
  keys: readonly TokenKey[],
): Destination {
  if (settings === null) return { never: 'no-settings' };
  if (message.kind === 'verify-email') {
    // A link mailed for an address the writer has since replaced would verify nothing.
    const current = settings.email;
    if (current?.nonce !== message.payload.nonce || current.address !== message.payload.address)
      return { never: 'superseded' };
    return { to: message.payload.address };
  }
  if (!CHOICE[message.kind](settings)) return { never: 'opted-out' };
  if (entry.channel === 'email') {
    const address = verifiedEmail(settings);
    return address === null ? { never: 'email-not-verified' } : { to: address };
  }
  if (settings.webhook === null || settings.webhook === undefined) return { never: 'no-webhook' };
  try {
    decryptToken(settings.webhook.secret, keys);
  } catch {
    return { never: 'webhook-secret-unreadable' };
  }
  return { to: settings.webhook.url };
}

function linksFor(
  context: DeliveryContext,
  entry: OutboxDoc,
  message: OutboxMessage,
): MessageLinks {
  const base = context.publicUrl;
  const links: MessageLinks = { dashboard: `${base}/` };
  const key = context.tokenKeys.current;
  if (message.kind === 'verify-email') {
    const expiresAt = Math.floor(context.now().getTime() / 1000) + VERIFY_LINK_TTL_S;
    const token = signLink(
      { purpose: 'verify-email', userId: entry.userId, nonce: message.payload.nonce, expiresAt },
      key,
    );
    links.verify = `${base}/email/verify?token=${encodeURIComponent(token)}`;
  } else if (entry.channel === 'email') {
    const list = message.kind === 'digest' ? 'digest' : 'alerts';
    const token = signLink({ purpose: 'unsubscribe', userId: entry.userId, list }, key);
    links.unsubscribe = `${base}/unsubscribe?token=${encodeURIComponent(token)}`;
    links.unsubscribeList = list;
  }
  return links;
}

async function deliverClaimed(context: DeliveryContext, claim: OutboxClaim): Promise<Outcome> {
  const { entry } = claim;
  const started = performance.now();
  const policy = context.retry ?? DEFAULT_RETRY;
  const attempt = entry.attempts + 1;
  const line = {
    key: entry._id,
    userId: entry.userId,
    kind: entry.kind,
    channel: entry.channel,
    attempt,
    maxAttempts: policy.maxAttempts,
  };
  const finish = async (result: { ok: true } | { ok: false; error: string; never?: boolean }) => {
    const now = context.now();
    let outcome: Outcome;
    if (result.ok) {
      await markOutboxSent(context.models, claim, now);
      outcome = 'sent';
    } else {
      const next = result.never ? null : retryAt(attempt, now, policy);
      await markOutboxFailed(context.models, claim, { now, error: result.error, retryAt: next });
      outcome = next === null ? 'failed' : 'retried';
      if (next !== null) Object.assign(line, { nextAttemptAt: next });
    }
    const fields = {
      ...line,
      outcome,
      durationMs: Math.round(performance.now() - started),
      ...(result.ok ? {} : { error: result.error }),
    };
    if (outcome === 'sent') context.logger.info(fields, 'outbox delivery');
    else context.logger.warn(fields, 'outbox delivery');
    return outcome;
  };

  try {
    const message = parseOutboxMessage(entry.kind, entry.payload);
    if (message === null) return await finish({ ok: false, error: 'bad-payload', never: true });
    const settings = await readWriterSettings(context.models, entry.userId);
    const where = destination(entry, message, settings, context.tokenKeys.all);
    if ('never' in where) return await finish({ ok: false, error: where.never, never: true });
    const lang: SettingsLang = settings?.lang === 'en' ? 'en' : 'ko';
    const links = linksFor(context, entry, message);
    const rendered = renderMessage(message, lang, links);
    if (entry.channel === 'email') {
      if (context.mailer === null) return await finish({ ok: false, error: 'email-off' });
      const headers: Record<string, string> = {};
      if (links.unsubscribe) {
        headers['List-Unsubscribe'] = `<${links.unsubscribe}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      return await finish(
        await context.mailer.send({
          to: where.to,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          idempotencyKey: entry._id,
          headers,
        }),
      );
    }
    const secret = decryptToken(
      (settings as WriterSettingsDoc & { webhook: NonNullable<WriterSettingsDoc['webhook']> })
        .webhook.secret,
      context.tokenKeys.all,
    );
    return await finish(
      await postWebhook({
        url: where.to,
        secret,
        text: `${rendered.subject}\n\n${rendered.text}`,
        idempotencyKey: entry._id,
        now: context.now(),
        timeoutMs: context.webhookTimeoutMs,
        allowPrivate: context.allowPrivateWebhooks,
      }),
    );
  } catch (error) {
    // The database or a bug: the claim runs out and the entry is tried again after it.
    context.logger.error({ ...line, err: error }, 'outbox delivery crashed');
    return 'retried';
  }
}
