/** Both servers scope their cookies to every velog host. */
export const COOKIE_DOMAIN = '.velog.io';

export const V2_ACCESS_MAX_AGE_S = 60 * 60;
export const V3_ACCESS_MAX_AGE_S = 24 * 60 * 60;
export const REFRESH_MAX_AGE_S = 30 * 24 * 60 * 60;

/** A `Cookie:` request header as name → value; the first occurrence of a name wins. */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === '' || name in cookies) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1);
    }
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

/**
 * Koa's `cookies` module, as v2 uses it: lower-case attributes, `expires=` computed from
 * maxAge, and each cookie written twice (with `.velog.io`, then host-only for the dev proxy).
 */
export function v2TokenSetCookies(
  tokens: { accessToken: string; refreshToken: string },
  nowMs: number,
): string[] {
  const koa = (name: string, value: string, maxAgeS: number, domain: string | null) => {
    const expires = new Date(nowMs + maxAgeS * 1000).toUTCString();
    const domainPart = domain === null ? '' : `; domain=${domain}`;
    return `${name}=${value}; path=/; expires=${expires}${domainPart}; httponly`;
  };
  return [
    koa('access_token', tokens.accessToken, V2_ACCESS_MAX_AGE_S, COOKIE_DOMAIN),
    koa('refresh_token', tokens.refreshToken, REFRESH_MAX_AGE_S, COOKIE_DOMAIN),
    koa('access_token', tokens.accessToken, V2_ACCESS_MAX_AGE_S, null),
    koa('refresh_token', tokens.refreshToken, REFRESH_MAX_AGE_S, null),
  ];
}

/** @fastify/cookie's serialisation, as v3 uses it: one header per cookie with Max-Age. */
export function v3TokenSetCookies(tokens: { accessToken: string; refreshToken: string }): string[] {
  return [
    `access_token=${tokens.accessToken}; Max-Age=${V3_ACCESS_MAX_AGE_S}; Domain=${COOKIE_DOMAIN}; Path=/; HttpOnly`,
    `refresh_token=${tokens.refreshToken}; Max-Age=${REFRESH_MAX_AGE_S}; Domain=${COOKIE_DOMAIN}; Path=/; HttpOnly`,
  ];
}

/** v3's `clearCookie`: an empty value that expired at the epoch, and no Max-Age. */
export function v3ClearingSetCookies(): string[] {
  const clear = (name: string) =>
    `${name}=; Domain=${COOKIE_DOMAIN}; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly`;
  return [clear('access_token'), clear('refresh_token')];
}
