import { AppError, type ErrorEnvelope, isAppError, toErrorEnvelope } from '@velog-insights/shared';
import { isDatabaseUnavailable } from '@velog-insights/store';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, type z } from 'zod';
import { databaseUnavailable } from './database.js';
import type { Logger } from './logger.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
};

/** The fields a zod failure complains about, as the envelope's `details`. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function invalidRequest(error: z.ZodError, part: string): AppError {
  const issues = describeIssues(error);
  const summary = issues
    .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
    .join('; ');
  return new AppError('invalid-request', `invalid ${part}: ${summary}`, {
    status: 400,
    details: { issues },
  });
}

/**
 * Every failure becomes one envelope. Only our own AppErrors and hono's HTTP errors keep their
 * message; anything else is a bug whose message and stack stay in the log.
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  // Wherever the request met the outage (its session, its stats, a sign-in's write), the
  // answer is the same: not our bug, not the client's, try again shortly.
  if (isDatabaseUnavailable(error)) return databaseUnavailable(error);
  if (error instanceof ZodError) return invalidRequest(error, 'input');
  if (error instanceof HTTPException) {
    const status = error.status;
    const malformedJson = /malformed json/i.test(error.message);
    const code = malformedJson ? 'malformed-json' : (CODE_BY_STATUS[status] ?? 'http-error');
    return new AppError(code, error.message || code.replaceAll('-', ' '), { status });
  }
  return new AppError('internal-error', 'Something went wrong on our side.', {
    status: 500,
    cause: error,
  });
}

export function errorResponse(c: Context, error: AppError): Response {
  const body: ErrorEnvelope = toErrorEnvelope(error);
  // A refusal that ends by itself (a rate limit, a demo still being written) says when.
  const waitable = error.status === 429 || error.status === 503;
  if (waitable && typeof error.details === 'object' && error.details !== null) {
    const retryAfter = (error.details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  }
  c.header('Cache-Control', 'no-store');
  return c.json(body, error.status as ContentfulStatusCode);
}

export function createErrorHandler(logger: Logger) {
  return (error: unknown, c: Context): Response => {
    const appError = toAppError(error);
    const where = { method: c.req.method, path: c.req.path, code: appError.code };
    if (appError.status === 503) {
      // Not a bug of ours: the database is away, or the demo is still being written. Said once
      // per request, without a stack, so an outage does not bury the log in traces.
      logger.warn({ ...where, reason: appError.message }, 'request refused: not available now');
    } else if (appError.status >= 500) {
      logger.error({ err: error, ...where }, 'request failed');
    }
    return errorResponse(c, appError);
  };
}

/** A known path asked with a method it does not take: 405 with the methods it does. */
export function methodNotAllowedResponse(c: Context, allowed: readonly string[]): Response {
  c.header('Allow', allowed.join(', '));
  return errorResponse(
    c,
    new AppError('method-not-allowed', `${c.req.path} does not take ${c.req.method}`, {
      status: 405,
      details: { allowed },
    }),
  );
}

export function notFoundResponse(c: Context): Response {
  return errorResponse(
    c,
    new AppError('not-found', `no route for ${c.req.method} ${c.req.path}`, { status: 404 }),
  );
}
