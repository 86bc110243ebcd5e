import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  AppError,
  SettingsResponse,
  SettingsUpdate,
  VerificationResendResponse,
  WebhookSecretResponse,
} from '@velog-insights/shared';
import {
  checkWebhookUrl,
  decryptToken,
  encryptToken,
  enqueueOutbox,
  findUser,
  readWriterSettings,
  renewEmailNonce,
  replaceWebhookSecret,
  type StoreModels,
  saveWriterSettings,
  toWriterSettings,
  type WriterSettingsDoc,
} from '@velog-insights/store';
import { forbidDemo, requireSession } from '../auth/middleware.js';
import type { AppEnv, AppServices } from '../context.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { errorResponses, jsonContent, SESSION_SECURITY } from '../openapi.js';
import { checked } from '../respond.js';
import { syncPublicProfile } from '../sharing/profile-sync.js';
import { applySettingsUpdate, newNonce, newWebhookSecret } from '../sharing/settings-change.js';
import { validationHook } from '../validation.js';

/** Verification e-mails per writer per hour, in this process: enough for typos, not a mail cannon. */
const VERIFY_MAX_PER_HOUR = 3;

async function queueVerification(
  models: StoreModels,
  userId: string,
  verify: { address: string; nonce: string },
  now: Date,
): Promise<void> {
  await enqueueOutbox(
    models,
    {
      key: `verify-email:${userId}:${verify.nonce}`,
      userId,
      channel: 'email',
      kind: 'verify-email',
      payload: { address: verify.address, nonce: verify.nonce },
    },
    now,
  );
}

export function settingsRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { models, now, config } = services;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const verifyThrottle = createRateLimiter({ max: VERIFY_MAX_PER_HOUR, windowMs: 3_600_000, now });

  function takeVerification(userId: string): void {
    const verdict = verifyThrottle.take(userId);
    if (!verdict.allowed) {
      throw new AppError(
        'verification-throttled',
        'several verification e-mails were sent a moment ago; try again later',
        { status: 429, details: { retryAfterSeconds: verdict.retryAfterSeconds } },
      );
    }
  }

  async function sessionWriter(userId: string) {
    const user = await findUser(models, userId);
    if (user === null) throw new AppError('session-invalid', 'sign in again', { status: 401 });
    return user;
  }

  function webhookOf(doc: WriterSettingsDoc | null): NonNullable<WriterSettingsDoc['webhook']> {
    if (!doc?.webhook) {
      throw new AppError('no-webhook', 'no webhook is set up; save a webhook URL first', {
        status: 404,
      });
    }
    return doc.webhook;
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/settings',
      tags: ['sharing'],
      summary: 'The signed-in writer’s sharing and alert settings',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      responses: {
        200: jsonContent(SettingsResponse, 'The settings (all off until the writer turns them on)'),
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const doc = await readWriterSettings(models, c.get('session').userId);
      return c.json(checked(SettingsResponse, toWriterSettings(doc)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/settings',
      tags: ['sharing'],
      summary: 'Replace the signed-in writer’s settings',
      description:
        'The whole settings object (every field). A new e-mail address is stored unverified and a verification e-mail queued (429 when several were sent in the last hour). A webhook URL must be http(s) and, unless the server allows it, not a loopback or private address; a new webhook gets a signing secret (GET /api/settings/webhook-secret). The demo may not (403).',
      security: SESSION_SECURITY,
      middleware: [requireSession(services), forbidDemo()] as const,
      request: {
        body: { content: { 'application/json': { schema: SettingsUpdate } }, required: true },
      },
      responses: {
        200: jsonContent(SettingsResponse, 'The settings as saved'),
        ...errorResponses(400, 401, 403, 413, 415, 429),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const update = c.req.valid('json');
      if (update.webhook !== null) {
        const check = checkWebhookUrl(update.webhook.url, {
          allowPrivate: config.allowPrivateWebhooks,
        });
        if (!check.ok) {
          throw new AppError('webhook-url-not-allowed', check.reason, {
            status: 400,
            details: { issues: [{ path: 'webhook.url', message: check.reason }] },
          });
        }
      }
      const user = await sessionWriter(userId);
      const at = now();
      const before = await readWriterSettings(models, userId);
      const change = applySettingsUpdate({
        userId,
        before,
        update,
        now: at,
        sealSecret: (secret) => encryptToken(secret, config.tokenKey),
      });
      if (change.verify !== null) takeVerification(userId);
      // What is shown publicly never runs ahead of what the writer agreed to: a withdrawal
      // reaches the card and the board first, an opt-in only once the settings hold it. A save
      // that fails half-way leaves the writer less public, never more.
      const withdraws =
        (before?.card === true && !change.doc.card) ||
        (before?.leaderboard === true && !change.doc.leaderboard);
      if (withdraws) await syncPublicProfile(models, user, at, change.doc);
      await saveWriterSettings(models, change.doc, change.kept);
      if (change.verify !== null) await queueVerification(models, userId, change.verify, at);
      if (!withdraws) await syncPublicProfile(models, user, at, change.doc);
      return c.json(checked(SettingsResponse, toWriterSettings(change.doc)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/settings/email/resend',
      tags: ['sharing'],
      summary: 'Send the verification e-mail again',
      description:
        'A new link under a new nonce: links sent before verify nothing. 404 without an address, 409 when it is verified, 429 when several were sent in the last hour; the demo may not (403).',
      security: SESSION_SECURITY,
      middleware: [requireSession(services), forbidDemo()] as const,
      responses: {
        202: jsonContent(VerificationResendResponse, 'Queued'),
        ...errorResponses(401, 403, 404, 409, 429),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const doc = await readWriterSettings(models, userId);
      if (!doc?.email)
        throw new AppError('no-email', 'no e-mail address is saved', { status: 404 });
      if (doc.email.verifiedAt !== null) {
        throw new AppError('email-already-verified', 'this address is verified', { status: 409 });
      }
      takeVerification(userId);
      const at = now();
      const { address } = doc.email;
      const nonce = newNonce();
      if (!(await renewEmailNonce(models, userId, address, nonce, at))) {
        throw new AppError(
          'settings-changed',
          'the address changed meanwhile; reload the settings',
          {
            status: 409,
          },
        );
      }
      await queueVerification(models, userId, { address, nonce }, at);
      return c.json(checked(VerificationResendResponse, { queuedAt: at }), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/settings/webhook-secret',
      tags: ['sharing'],
      summary: 'The key the writer’s webhook receiver checks signatures with',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      responses: {
        200: jsonContent(WebhookSecretResponse, 'The secret (hex)'),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const webhook = webhookOf(await readWriterSettings(models, c.get('session').userId));
      const secret = decryptToken(webhook.secret, [config.tokenKey, ...config.oldTokenKeys]);
      return c.json(checked(WebhookSecretResponse, { secret }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/settings/webhook-secret',
      tags: ['sharing'],
      summary: 'Replace the webhook’s secret with a new one',
      description: 'Messages are signed with the new secret from now on. The demo may not (403).',
      security: SESSION_SECURITY,
      middleware: [requireSession(services), forbidDemo()] as const,
      responses: {
        200: jsonContent(WebhookSecretResponse, 'The new secret (hex)'),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const webhook = webhookOf(await readWriterSettings(models, userId));
      const secret = newWebhookSecret();
      const sealed = encryptToken(secret, config.tokenKey);
      if (!(await replaceWebhookSecret(models, userId, webhook.url, sealed, now()))) {
        throw new AppError(
          'settings-changed',
          'the webhook changed meanwhile; reload the settings',
          {
            status: 409,
          },
        );
      }
      return c.json(checked(WebhookSecretResponse, { secret }), 200);
    },
  );

  return app;
}
