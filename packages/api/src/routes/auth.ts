import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { AppError, LoginRequest, MeResponse } from '@velog-insights/shared';
import { findUser, saveUserLogin } from '@velog-insights/store';
import { isVelogError, verifyVelogTokens } from '@velog-insights/velog';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { clearSessionCookie, readSessionCookies, setSessionCookie } from '../auth/cookie.js';
import type { AppEnv, AppServices } from '../context.js';
import { clientAddress } from '../http/client.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { toMeResponse } from '../me.js';
import { errorResponses, jsonContent } from '../openapi.js';
import { checked } from '../respond.js';
import { syncPublicProfile } from '../sharing/profile-sync.js';
import { validationHook } from '../validation.js';

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  summary: 'End the session',
  responses: {
    204: { description: 'Signed out; the session is revoked and its cookie cleared' },
    ...errorResponses(403),
  },
});

/**
 * What went wrong with velog, for counting: verifyVelogTokens reports an answer it could not
 * use (`not-found`, `rejected`) as `transient`, keeping velog's own kind as the cause.
 */
function velogErrorKind(error: unknown): string {
  if (!isVelogError(error)) return 'unknown';
  return isVelogError(error.cause) ? error.cause.kind : error.kind;
}

/** How soon a page waiting for the demo asks again: its history takes seconds to write. */
export const DEMO_RETRY_AFTER_SECONDS = 2;

export function authRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { config, models, sessions, metrics, now } = services;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const loginLimiter = createRateLimiter({ ...config.loginRateLimit, now });
  const demoLimiter = createRateLimiter({ ...config.demoLoginRateLimit, now });

  /** Ends whatever session the browser had, so a new sign-in never inherits an old id. */
  async function replaceSession(c: Context, userId: string, isDemo: boolean) {
    for (const previous of readSessionCookies(c)) await sessions.revoke(previous);
    const ttlMs = isDemo ? config.demoSessionTtlMs : config.sessionTtlMs;
    const { id, session } = await sessions.create({ userId, isDemo, ttlMs });
    setSessionCookie(c, config, id, session.expiresAt, now());
  }

  // Counted before the body is read (malformed attempts count too) and before the database is
  // asked anything: a flood of sign-ins costs a map lookup each, not a session written.
  const limitSignIns = (kind: 'token' | 'demo', limiter: typeof loginLimiter) =>
    createMiddleware<AppEnv>(async (c, next) => {
      const verdict = limiter.take(clientAddress(c, config.trustProxy));
      if (!verdict.allowed) {
        metrics.logins.inc({ kind, outcome: 'rate-limited' });
        throw new AppError('rate-limited', 'too many sign-in attempts; try again later', {
          status: 429,
          details: { retryAfterSeconds: verdict.retryAfterSeconds },
        });
      }
      await next();
    });
  const limitLogins = limitSignIns('token', loginLimiter);

  const demoRoute = createRoute({
    middleware: [limitSignIns('demo', demoLimiter)] as const,
    method: 'post',
    path: '/api/auth/demo',
    tags: ['auth'],
    summary: 'Start a read-only session on the demo writer',
    description: `Rate-limited per client address (429 with Retry-After); the session lasts ${Math.round(config.demoSessionTtlMs / 60_000)} minutes.`,
    responses: {
      200: jsonContent(MeResponse, 'Signed in as the demo; the session cookie is set'),
      ...errorResponses(403, 429, 503),
    },
  });

  const loginRoute = createRoute({
    middleware: [limitLogins] as const,
    method: 'post',
    path: '/api/auth/login',
    tags: ['auth'],
    summary: 'Sign in with velog tokens',
    description:
      'Checks the two velog cookies with a live currentUser, stores them encrypted, starts a session of ours (an HttpOnly cookie) and asks the worker for a first scrape. The tokens never come back.',
    request: {
      body: { required: true, content: { 'application/json': { schema: LoginRequest } } },
    },
    responses: {
      200: jsonContent(MeResponse, 'Signed in; the session cookie is set'),
      ...errorResponses(400, 401, 403, 413, 415, 429, 502),
    },
  });

  app.openapi(loginRoute, async (c) => {
    const tokens = c.req.valid('json');
    if (services.velog === null) {
      throw new AppError('velog-unavailable', 'this server is not connected to velog', {
        status: 502,
      });
    }
    let verdict: Awaited<ReturnType<typeof verifyVelogTokens>>;
    try {
      verdict = await verifyVelogTokens(services.velog, tokens);
    } catch (error) {
      metrics.loginVelogErrors.inc({ kind: velogErrorKind(error) });
      // Trying again later cannot help here: our query no longer fits velog, so we are told.
      if (isVelogError(error, 'schema-mismatch')) {
        metrics.logins.inc({ kind: 'token', outcome: 'velog-schema-mismatch' });
        throw new AppError('velog-schema-mismatch', 'velog changed how it answers; please report', {
          status: 502,
          cause: error,
        });
      }
      metrics.logins.inc({ kind: 'token', outcome: 'velog-unavailable' });
      // Our own words: a velog error's text is not for the page.
      throw new AppError('velog-unavailable', 'velog could not be reached; try again shortly', {
        status: 502,
        cause: error,
      });
    }
    if (verdict.kind === 'signed-out') {
      metrics.logins.inc({ kind: 'token', outcome: 'rejected' });
      throw new AppError(
        'velog-auth-failed',
        'velog did not accept these tokens; copy fresh access_token and refresh_token cookies',
        { status: 401 },
      );
    }
    const user = await saveUserLogin(models, {
      profile: verdict.profile,
      tokens: verdict.tokens,
      key: config.tokenKey,
      now: now(),
    });
    await syncPublicProfile(models, user, now());
    await replaceSession(c, user._id, false);
    metrics.logins.inc({ kind: 'token', outcome: 'ok' });
    metrics.scrapeRequests.inc({ outcome: 'login' });
    services.logger.info({ userId: user._id }, 'signed in');
    const { tokens: _secret, ...view } = user;
    return c.json(checked(MeResponse, toMeResponse(view)), 200);
  });

  app.openapi(demoRoute, async (c) => {
    // The demo writer runs with the scheduler, not here. It sets `scrape.lastFinishedAt` only
    // once the whole history is written (until then the field is missing or null), so this one
    // read by `_id` says whether there is a demo and whether it is ready: demo sign-in waits for
    // it rather than show half a history.
    const demo = await findUser(models, 'demo');
    if (demo === null || !demo.isDemo) {
      throw new AppError('demo-unavailable', 'the demo is not set up on this server', {
        status: 503,
      });
    }
    if (!demo.scrape.lastFinishedAt) {
      // A wait, not a failure: Retry-After tells the page when to ask again by itself.
      throw new AppError('demo-unavailable', 'the demo is being prepared; try again in a minute', {
        status: 503,
        details: { retryAfterSeconds: DEMO_RETRY_AFTER_SECONDS },
      });
    }
    await replaceSession(c, demo._id, true);
    metrics.logins.inc({ kind: 'demo', outcome: 'ok' });
    return c.json(checked(MeResponse, toMeResponse(demo)), 200);
  });

  app.openapi(logoutRoute, async (c) => {
    for (const id of readSessionCookies(c)) await sessions.revoke(id);
    clearSessionCookie(c, config);
    return c.body(null, 204);
  });

  return app;
}
