/** The pair of velog cookies that signs a writer in (velog-api.md §2). */
export interface VelogTokens {
  accessToken: string;
  refreshToken: string;
}

const NAMES = { access_token: 'accessToken', refresh_token: 'refreshToken' } as const;

/** The `Cookie` header for one user's requests: only that user's two cookies, nothing else. */
export function toCookieHeader(tokens: VelogTokens): string {
  return `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}`;
}

/**
 * Applies every `Set-Cookie` of one response to a user's pair. An empty value (v3 clearing the
 * cookies of a failed refresh) is never taken: the stored pair is what proves who the user was.
 * v2 writes each cookie twice with the same value, so the last non-empty one wins.
 * Returns `null` when nothing changed.
 */
export function applySetCookies(
  current: VelogTokens,
  setCookie: string | readonly string[] | undefined,
): VelogTokens | null {
  if (setCookie === undefined) return null;
  const headers = typeof setCookie === 'string' ? [setCookie] : setCookie;
  const next: VelogTokens = { ...current };
  for (const header of headers) {
    const pair = header.split(';', 1)[0] ?? '';
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    let value = pair.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1);
    }
    const field = NAMES[name as keyof typeof NAMES];
    if (field === undefined || value === '') continue;
    next[field] = value;
  }
  return next.accessToken === current.accessToken && next.refreshToken === current.refreshToken
    ? null
    : next;
}

/**
 * Whether a response cleared the access cookie: v3 does when a refresh fails, and then it has
 * answered as nobody, even if the access token it was sent is still valid (velog-api.md §2).
 */
export function clearsSession(setCookie: string | readonly string[] | undefined): boolean {
  if (setCookie === undefined) return false;
  const headers = typeof setCookie === 'string' ? [setCookie] : setCookie;
  return headers.some((header) => /^\s*access_token=\s*(;|$)/.test(header));
}
