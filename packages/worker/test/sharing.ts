import type { AlertChoices, SettingsLang } from '@velog-insights/shared';
import { encryptToken, type StoreModels, type WriterSettingsDoc } from '@velog-insights/store';
import type { Logger } from '../src/logger.js';
import type { DeliveryContext, RetryPolicy } from '../src/outbox/deliver.js';
import { createMailer } from '../src/outbox/mail.js';
import { tokenKey } from './world.js';

export const NO_ALERTS: AlertChoices = {
  tokensRejected: false,
  milestones: false,
  spike: false,
  scrapeFailing: false,
};
export const ALL_ALERTS: AlertChoices = {
  tokensRejected: true,
  milestones: true,
  spike: true,
  scrapeFailing: true,
};

/** Writes a writer's settings as the API would have stored them (only the API writes them). */
export async function seedSettings(
  models: StoreModels,
  userId: string,
  input: {
    lang?: SettingsLang;
    alerts?: Partial<AlertChoices>;
    digest?: boolean;
    email?: { address: string; verified: boolean; nonce?: string } | null;
    webhook?: { url: string; secret: string } | null;
    now: Date;
  },
): Promise<void> {
  const doc: WriterSettingsDoc = {
    _id: userId,
    lang: input.lang ?? 'en',
    card: false,
    leaderboard: false,
    alerts: { ...NO_ALERTS, ...input.alerts },
    digest: input.digest ?? false,
    email: input.email
      ? {
          address: input.email.address,
          verifiedAt: input.email.verified ? input.now : null,
          nonce: input.email.nonce ?? `nonce-${userId}`,
        }
      : null,
    webhook: input.webhook
      ? { url: input.webhook.url, secret: encryptToken(input.webhook.secret, tokenKey) }
      : null,
    updatedAt: input.now,
  };
  await models.WriterSettings.collection.replaceOne({ _id: userId as never }, doc, {
    upsert: true,
  });
}

/** One worker's delivery side against `smtpUrl` (a real SMTP server on loopback). */
export function deliveryContext(input: {
  models: StoreModels;
  logger: Logger;
  now: () => Date;
  workerId: string;
  smtpUrl: string | null;
  retry?: RetryPolicy;
  /** Default true: the test receivers are on loopback. */
  allowPrivateWebhooks?: boolean;
}): DeliveryContext & { close(): void } {
  const mailer = input.smtpUrl
    ? createMailer({ smtpUrl: input.smtpUrl, from: 'Velog Insights <alerts@insights.test>' })
    : null;
  return {
    models: input.models,
    logger: input.logger,
    now: input.now,
    workerId: input.workerId,
    tokenKeys: { current: tokenKey, all: [tokenKey] },
    mailer,
    publicUrl: 'https://insights.test',
    webhookTimeoutMs: 5_000,
    allowPrivateWebhooks: input.allowPrivateWebhooks ?? true,
    ...(input.retry ? { retry: input.retry } : {}),
    close: () => mailer?.close(),
  };
}
