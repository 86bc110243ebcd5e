import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { AppError, MeResponse, RefreshResponse } from '@velog-insights/shared';
import { findUser, requestScrape } from '@velog-insights/store';
import { forbidDemo, requireSession } from '../auth/middleware.js';
import type { AppEnv, AppServices } from '../context.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { toMeResponse } from '../me.js';
import { errorResponses, jsonContent, SESSION_SECURITY } from '../openapi.js';
import { checked } from '../respond.js';
import { validationHook } from '../validation.js';

export function meRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { models, now, metrics } = services;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // One immediate scrape per writer per interval, in this process (see createRateLimiter).
  const refreshThrottle = createRateLimiter({
    max: 1,
    windowMs: services.config.refreshMinIntervalMs,
    now,
  });

  async function sessionUser(userId: string) {
    const user = await findUser(models, userId);
    // The writer was deleted under a live session: the session means nothing any more.
    if (user === null) throw new AppError('session-invalid', 'sign in again', { status: 401 });
    return user;
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: ['auth'],
      summary: 'The signed-in writer, their auth status and scrape status',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      responses: {
        200: jsonContent(MeResponse, 'The session’s writer'),
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const user = await sessionUser(c.get('session').userId);
      return c.json(checked(MeResponse, toMeResponse(user)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/refresh',
      tags: ['auth'],
      summary: 'Ask the worker to scrape the session’s writer now',
      description: 'Throttled per writer (429 with Retry-After); the demo may not (403).',
      security: SESSION_SECURITY,
      middleware: [requireSession(services), forbidDemo()] as const,
      responses: {
        202: jsonContent(RefreshResponse, 'Asked; the worker picks it up within a minute'),
        ...errorResponses(401, 403, 409, 429),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const user = await sessionUser(userId);
      if (user.authStatus === 'reauth-required') {
        throw new AppError(
          'reauth-required',
          'velog no longer accepts your tokens; sign in again',
          {
            status: 409,
          },
        );
      }
      const verdict = refreshThrottle.take(userId);
      if (!verdict.allowed) {
        metrics.scrapeRequests.inc({ outcome: 'throttled' });
        throw new AppError('refresh-throttled', 'a refresh was asked for a moment ago', {
          status: 429,
          details: { retryAfterSeconds: verdict.retryAfterSeconds },
        });
      }
      const requestedAt = now();
      await requestScrape(models, userId, requestedAt);
      metrics.scrapeRequests.inc({ outcome: 'refresh' });
      return c.json(checked(RefreshResponse, { requestedAt }), 202);
    },
  );

  return app;
}
