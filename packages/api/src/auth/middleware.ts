import { AppError } from '@velog-insights/shared';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, AppServices } from '../context.js';
import { clearSessionCookie, readSessionCookies } from './cookie.js';
import type { Session } from './sessions.js';

/** Lets a request through only with a live session of ours, which it puts on the context. */
export function requireSession(services: AppServices) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const ids = readSessionCookies(c);
    if (ids.length === 0) {
      throw new AppError('session-required', 'sign in first', { status: 401 });
    }
    // The first live one wins; a junk value beside it is ignored, never a reason to sign out.
    let session: Session | null = null;
    for (const id of ids) {
      session = await services.sessions.find(id);
      if (session !== null) break;
    }
    if (session === null) {
      clearSessionCookie(c, services.config);
      throw new AppError(
        'session-invalid',
        'your session has expired or is not valid; sign in again',
        {
          status: 401,
        },
      );
    }
    c.set('session', session);
    await next();
  });
}

/** The demo is for looking: it may read everything of its own and change nothing. */
export function forbidDemo() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('session').isDemo) {
      throw new AppError('demo-read-only', 'the demo cannot change anything', { status: 403 });
    }
    await next();
  });
}
