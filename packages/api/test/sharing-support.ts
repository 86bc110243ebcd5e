import { DEFAULT_WRITER_SETTINGS, type SettingsUpdate } from '@velog-insights/shared';
import type { Connection } from 'mongoose';
import { SESSION_COOKIE } from '../src/auth/cookie.js';
import { createSessionStore } from '../src/auth/sessions.js';

/** The settings a PUT sends: the defaults (all off) with the given changes. */
export function settingsWith(changes: Partial<SettingsUpdate> = {}): SettingsUpdate {
  const { email: _email, webhook: _webhook, ...rest } = DEFAULT_WRITER_SETTINGS;
  return { ...rest, email: null, webhook: null, ...changes };
}

export async function putSettings(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  cookie: string,
  body: unknown,
): Promise<Response> {
  return app.request('/api/settings', {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A demo session, made the way demo sign-in makes one. */
export async function demoCookie(connection: Connection, now: () => Date): Promise<string> {
  const { id } = await createSessionStore(connection, now).create({
    userId: 'demo',
    isDemo: true,
    ttlMs: 86_400_000,
  });
  return `${SESSION_COOKIE}=${id}`;
}
