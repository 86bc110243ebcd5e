import type { StoreModels } from '@velog-insights/store';
import type { WorkerConfig } from '../env.js';
import type { Logger } from '../logger.js';
import type { DeliveryContext } from './deliver.js';
import { createMailer } from './mail.js';

/**
 * The delivery side of a worker process, from its configuration: the SMTP pool when SMTP_URL
 * is set (said once, at start, when it is not), the links' base, the webhook timeout.
 */
export function deliveryFromConfig(
  config: Pick<WorkerConfig, 'delivery' | 'tokenKeys' | 'workerId'>,
  io: { models: StoreModels; logger: Logger; now?: () => Date },
): { context: DeliveryContext; close: () => void } {
  const { mail, publicUrl, webhookTimeoutMs, allowPrivateWebhooks } = config.delivery;
  const mailer = mail ? createMailer(mail) : null;
  if (mailer === null) {
    io.logger.info('e-mail off: SMTP_URL is not set; alerts go to webhooks only');
  }
  return {
    context: {
      models: io.models,
      logger: io.logger,
      now: io.now ?? (() => new Date()),
      workerId: config.workerId,
      tokenKeys: config.tokenKeys,
      mailer,
      publicUrl,
      webhookTimeoutMs,
      allowPrivateWebhooks,
    },
    close: () => mailer?.close(),
  };
}
