import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import type { Logger } from '../logger.js';

/**
 * One line per request: method, path (never the query string, which is the user's search),
 * status, duration and the session's user. Headers and bodies are never logged.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('session')?.userId,
    };
    // A 503 is a refusal (the database away, the demo being written), not a failure of ours:
    // warn, as the error handler logs it; an alert counts them on /metrics.
    if (status >= 500 && status !== 503) logger.error(line, 'request');
    else if (status >= 400) logger.warn(line, 'request');
    else logger.info(line, 'request');
  };
}
