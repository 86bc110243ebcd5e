import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
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

/** Values looked at, at most: each well-formed one may cost a read by `_id`. */
const MAX_SESSION_COOKIES = 4;

/**
 * Every `vi_session` value the browser sent, in its order, without repeats. A browser sends
 * more than one when cookies of that name were set with different paths or domains (an old
 * one, another app on a parent domain, or one a script planted); reading only the first, as
 * cookie parsers do, would let a junk one hide, and then sign out, a live session.
 */
export function readSessionCookies(c: Context): string[] {
  const ids: string[] = [];
  for (const pair of (c.req.header('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at === -1 || pair.slice(0, at).trim() !== SESSION_COOKIE) continue;
    let value = pair.slice(at + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    if (value === '' || ids.includes(value)) continue;
    ids.push(value);
    if (ids.length === MAX_SESSION_COOKIES) break;
  }
  return ids;
}
