import { createHmac } from 'node:crypto';
import { checkWebhookUrl, privateAddressGuard } from '@velog-insights/store';
import { Agent, fetch } from 'undici';

/*
 * One JSON body that both Slack incoming webhooks (`text`) and Discord webhooks (`content`)
 * accept, signed so a receiver can tell it is ours: `X-Velog-Insights-Signature` is
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` under the writer's own secret, the
 * timestamp (epoch seconds) in `X-Velog-Insights-Timestamp` so a receiver can refuse replays,
 * and `Idempotency-Key` the outbox key, so a receiver can drop a redelivery.
 */

export const SIGNATURE_HEADER = 'x-velog-insights-signature';
export const TIMESTAMP_HEADER = 'x-velog-insights-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Discord refuses a `content` over 2,000 characters. */
const MAX_CONTENT = 2_000;

export function webhookBody(text: string): string {
  const content = text.length > MAX_CONTENT ? `${text.slice(0, MAX_CONTENT - 1)}…` : text;
  return JSON.stringify({ text: content, content });
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookResult = { ok: true } | { ok: false; error: string };

export async function postWebhook(input: {
  url: string;
  secret: string;
  text: string;
  idempotencyKey: string;
  now: Date;
  timeoutMs: number;
  /** Loopback and private receivers (tests, private deployments); refused otherwise. */
  allowPrivate: boolean;
}): Promise<WebhookResult> {
  // Saved URLs were checked by the API, but a setting may predate the rule or the flag.
  const allowed = checkWebhookUrl(input.url, { allowPrivate: input.allowPrivate });
  if (!allowed.ok) return { ok: false, error: `webhook refused: ${allowed.reason}` };
  const body = webhookBody(input.text);
  const timestamp = String(Math.floor(input.now.getTime() / 1000));
  // One agent per delivery: webhooks are rare, and its guard must see every connection it makes.
  const dispatcher = new Agent(
    input.allowPrivate ? {} : { connect: { lookup: privateAddressGuard() as never } },
  );
  try {
    const response = await fetch(input.url, {
      dispatcher,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'velog-insights',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(input.secret, timestamp, body),
        [IDEMPOTENCY_HEADER]: input.idempotencyKey,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    // The answer is not ours to read; draining it frees the connection.
    await response.body?.cancel();
    if (response.ok) return { ok: true };
    return { ok: false, error: `webhook answered ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `webhook unreachable: ${cause ?? message}` };
  } finally {
    await dispatcher.close().catch(() => {});
  }
}
