import { describe, expect, it } from 'vitest';
import { decodeJwt, mintAccessToken, mintRefreshToken, signJwt, verifyJwt } from './tokens.js';

const SECRET = 'test-secret';
const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('HS256 tokens', () => {
  it('mints velog-shaped access tokens', () => {
    const token = mintAccessToken('user-1', NOW, 3600, SECRET);
    expect(decodeJwt(token, SECRET)).toEqual({
      user_id: 'user-1',
      iat: NOW / 1000,
      exp: NOW / 1000 + 3600,
      iss: 'velog.io',
      sub: 'access_token',
    });
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('writes the refresh id under the field asked for', () => {
    const v2 = decodeJwt(mintRefreshToken('u', NOW, 60, SECRET, 'token_id'), SECRET);
    const v3 = decodeJwt(mintRefreshToken('u', NOW, 60, SECRET, 'token_Id'), SECRET);
    const none = decodeJwt(mintRefreshToken('u', NOW, 60, SECRET, 'none'), SECRET);
    expect(v2?.token_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(v3?.token_Id).toMatch(/^[0-9a-f-]{36}$/);
    expect(v3).not.toHaveProperty('token_id');
    expect(none).not.toHaveProperty('token_id');
    expect(none).not.toHaveProperty('token_Id');
    expect(none?.sub).toBe('refresh_token');
  });

  it('signs with HMAC-SHA256 over header.payload', async () => {
    const { createHmac } = await import('node:crypto');
    const token = signJwt({ a: 1 }, SECRET);
    const [header, payload, signature] = token.split('.');
    const expected = createHmac('sha256', SECRET)
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
  });

  it('rejects another secret, a tampered payload, alg none and garbage', () => {
    const token = mintAccessToken('user-1', NOW, 3600, SECRET);
    expect(decodeJwt(token, 'other')).toBeNull();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ user_id: 'admin', exp: 9e9 })).toString(
      'base64url',
    );
    expect(decodeJwt(`${header}.${forged}.${signature}`, SECRET)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(decodeJwt(`${none}.${forged}.`, SECRET)).toBeNull();
    expect(decodeJwt('garbage', SECRET)).toBeNull();
    expect(decodeJwt('', SECRET)).toBeNull();
  });

  it('verifies expiry against the given clock, to the second', () => {
    const token = mintAccessToken('user-1', NOW, 60, SECRET);
    expect(verifyJwt(token, SECRET, NOW + 59_999)?.user_id).toBe('user-1');
    expect(verifyJwt(token, SECRET, NOW + 60_000)).toBeNull();
    expect(verifyJwt(signJwt({ exp: 9e9 }, SECRET), SECRET, NOW)).toBeNull();
  });
});
