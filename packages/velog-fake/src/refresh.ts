import {
  REFRESH_MAX_AGE_S,
  V2_ACCESS_MAX_AGE_S,
  V3_ACCESS_MAX_AGE_S,
  v2TokenSetCookies,
  v3ClearingSetCookies,
  v3TokenSetCookies,
} from './cookies.js';
import {
  mintAccessToken,
  mintRefreshToken,
  type RefreshIdField,
  type TokenPayload,
  verifyJwt,
} from './tokens.js';

export type Server = 'v2' | 'v3';

/** Both servers refresh when the access token has less than this left. */
export const REFRESH_WINDOW_MS = 30 * 60 * 1000;
/** The refresh token itself is replaced only when it has less than this left. */
export const ROTATE_REFRESH_BELOW_MS = 23 * 24 * 60 * 60 * 1000;

export type RefreshOutcome =
  /** A valid access token with at least 30 minutes left; or nothing to work with. */
  | 'none'
  /** A new access token; the same refresh token sent back. */
  | 'refreshed'
  /** A new access token and a new refresh token. */
  | 'rotated'
  /** A refresh token was sent and failed. */
  | 'refresh-failed';

export interface AuthResult {
  /** Whom the request runs as; `null` runs it anonymously. */
  userId: string | null;
  outcome: RefreshOutcome;
  setCookie: string[];
  issued: { accessToken: string; refreshToken: string } | null;
}

export interface AuthInput {
  server: Server;
  cookies: Record<string, string>;
  nowMs: number;
  secret: string;
  userExists: (userId: string) => boolean;
}

/**
 * velog's per-request auth hook, the same rule on v2 and v3 and for every operation. A
 * failed refresh never becomes an error. v2 then runs as whoever a still-valid access token
 * names and says nothing; v3 tries the refresh before it sets the user, so it runs the
 * request anonymously even when the access token is still valid, and clears both cookies.
 */
export function authenticate(input: AuthInput): AuthResult {
  const { server, cookies, nowMs, secret } = input;
  const accessRaw = cookies.access_token || undefined;
  const refreshRaw = cookies.refresh_token || undefined;
  const access = accessRaw === undefined ? null : verifyJwt(accessRaw, secret, nowMs);
  const accessUserId = access?.user_id ?? null;

  if (access !== null && access.exp * 1000 - nowMs >= REFRESH_WINDOW_MS) {
    return { userId: accessUserId, outcome: 'none', setCookie: [], issued: null };
  }
  if (refreshRaw === undefined) {
    return { userId: accessUserId, outcome: 'none', setCookie: [], issued: null };
  }

  const refresh = verifyJwt(refreshRaw, secret, nowMs);
  if (refresh === null || !input.userExists(refresh.user_id)) {
    if (server === 'v2') {
      return { userId: accessUserId, outcome: 'refresh-failed', setCookie: [], issued: null };
    }
    return {
      userId: null,
      outcome: 'refresh-failed',
      setCookie: v3ClearingSetCookies(),
      issued: null,
    };
  }

  const accessTtl = server === 'v3' ? V3_ACCESS_MAX_AGE_S : V2_ACCESS_MAX_AGE_S;
  const accessToken = mintAccessToken(refresh.user_id, nowMs, accessTtl, secret);
  const rotate = refresh.exp * 1000 - nowMs < ROTATE_REFRESH_BELOW_MS;
  const refreshToken = rotate ? rotateRefreshToken(server, refresh, nowMs, secret) : refreshRaw;
  const issued = { accessToken, refreshToken };
  return {
    userId: refresh.user_id,
    outcome: rotate ? 'rotated' : 'refreshed',
    setCookie: server === 'v3' ? v3TokenSetCookies(issued) : v2TokenSetCookies(issued, nowMs),
    issued,
  };
}

/**
 * Both servers sign the old token's `token_id` into the new one, v3 under the misspelt
 * `token_Id`; a token without a `token_id` (say, one v3 rotated) yields one with no id.
 */
function rotateRefreshToken(
  server: Server,
  refresh: TokenPayload & { user_id: string },
  nowMs: number,
  secret: string,
): string {
  const tokenId = typeof refresh.token_id === 'string' ? refresh.token_id : null;
  const field: RefreshIdField =
    tokenId === null ? 'none' : server === 'v3' ? 'token_Id' : 'token_id';
  return mintRefreshToken(
    refresh.user_id,
    nowMs,
    REFRESH_MAX_AGE_S,
    secret,
    field,
    tokenId ?? undefined,
  );
}
