import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppConfig } from '../config.js';
import { isHttps } from '../http/client.js';

export const SESSION_COOKIE = 'vi_session';

function secure(c: Context, config: AppConfig): boolean {
  if (config.cookieSecure === 'always') return true;
  if (config.cookieSecure === 'never') return false;
  return isHttps(c, config.trustProxy);
}

/**
 * HttpOnly keeps the id away from page scripts; SameSite=Lax keeps it off other sites'
 * POSTs; Secure whenever the page came over https.
 */
export function setSessionCookie(
  c: Context,
  config: AppConfig,
  id: string,
  expiresAt: Date,
  now: Date,
): void {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c, config),
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(c: Context, config: AppConfig): void {
  deleteCookie(c, SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c, config),
    path: '/',
  });
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
