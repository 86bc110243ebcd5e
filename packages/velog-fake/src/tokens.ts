import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** velog signs both cookies with HS256 and this issuer. */
export const ISSUER = 'velog.io';

export interface AccessTokenPayload {
  user_id: string;
  iat: number;
  exp: number;
  iss: string;
  sub: 'access_token';
}

/** v2 writes `token_id`; a v3-rotated token writes `token_Id` (sic) or no id at all. */
export interface RefreshTokenPayload {
  user_id: string;
  token_id?: string;
  token_Id?: string;
  iat: number;
  exp: number;
  iss: string;
  sub: 'refresh_token';
}

export type TokenPayload = Record<string, unknown> & {
  user_id?: unknown;
  iat?: unknown;
  exp?: unknown;
};

export type RefreshIdField = 'token_id' | 'token_Id' | 'none';

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signJwt(payload: object, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

/** The payload when the signature is ours and the header says HS256; expiry is not checked here. */
export function decodeJwt(token: string, secret: string): TokenPayload | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, body, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsedHeader: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    if (!isRecord(parsedHeader) || parsedHeader.alg !== 'HS256') return null;
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return isRecord(payload) ? (payload as TokenPayload) : null;
  } catch {
    return null;
  }
}

/**
 * What velog's `decodeToken` accepts: our signature, not expired, and a user id. Neither
 * server looks at `sub` or the token id, so neither does the fake.
 */
export function verifyJwt(
  token: string,
  secret: string,
  nowMs: number,
): (TokenPayload & { user_id: string; exp: number }) | null {
  const payload = decodeJwt(token, secret);
  if (payload === null) return null;
  if (typeof payload.user_id !== 'string' || typeof payload.exp !== 'number') return null;
  if (payload.exp * 1000 <= nowMs) return null;
  return payload as TokenPayload & { user_id: string; exp: number };
}

export function mintAccessToken(
  userId: string,
  issuedAtMs: number,
  ttlSeconds: number,
  secret: string,
): string {
  const iat = Math.floor(issuedAtMs / 1000);
  const payload: AccessTokenPayload = {
    user_id: userId,
    iat,
    exp: iat + ttlSeconds,
    iss: ISSUER,
    sub: 'access_token',
  };
  return signJwt(payload, secret);
}

export function mintRefreshToken(
  userId: string,
  issuedAtMs: number,
  ttlSeconds: number,
  secret: string,
  idField: RefreshIdField = 'token_id',
  tokenId: string = randomUUID(),
): string {
  const iat = Math.floor(issuedAtMs / 1000);
  const id = idField === 'none' ? {} : { [idField]: tokenId };
  const payload = {
    user_id: userId,
    ...id,
    iat,
    exp: iat + ttlSeconds,
    iss: ISSUER,
    sub: 'refresh_token',
  } as RefreshTokenPayload;
  return signJwt(payload, secret);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
