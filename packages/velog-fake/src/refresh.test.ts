import { describe, expect, it } from 'vitest';
import { v3ClearingSetCookies } from './cookies.js';
import { authenticate, type Server } from './refresh.js';
import { decodeJwt, mintAccessToken, mintRefreshToken } from './tokens.js';

const SECRET = 'refresh-test';
const NOW = Date.parse('2026-11-22T03:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const ALICE = 'alice-id';

function access(issuedAt: number, ttlMs: number) {
  return mintAccessToken(ALICE, issuedAt, ttlMs / 1000, SECRET);
}

/** A refresh token issued at `NOW - (30 days - leftMs)`, so it has `leftMs` left. */
function refreshWithLeft(leftMs: number, idField: 'token_id' | 'token_Id' | 'none' = 'token_id') {
  const ttl = 30 * DAY;
  return mintRefreshToken(ALICE, NOW - (ttl - leftMs), ttl / 1000, SECRET, idField);
}

function run(server: Server, cookies: Record<string, string>, userExists = true) {
  return authenticate({
    server,
    cookies,
    nowMs: NOW,
    secret: SECRET,
    userExists: () => userExists,
  });
}

const SERVERS: Server[] = ['v2', 'v3'];

describe.each(SERVERS)('the refresh rule on %s', (server) => {
  const accessLifetime = server === 'v2' ? 3600 : 86400;

  it('does nothing while the access token has more than 30 minutes left', () => {
    const result = run(server, {
      access_token: access(NOW, 31 * MIN),
      refresh_token: refreshWithLeft(10 * DAY),
    });
    expect(result).toEqual({ userId: ALICE, outcome: 'none', setCookie: [], issued: null });
  });

  it('does nothing with exactly 30 minutes left (the servers test `< 30 min`)', () => {
    const result = run(server, {
      access_token: access(NOW, 30 * MIN),
      refresh_token: refreshWithLeft(29 * DAY),
    });
    expect(result.outcome).toBe('none');
  });

  it.each([
    ['less than 30 minutes left', () => access(NOW - 50 * MIN, 79 * MIN)],
    ['expired', () => access(NOW - 2 * 3600_000, 3600_000)],
    ['garbage', () => 'not-a-jwt'],
    ['signed by someone else', () => mintAccessToken(ALICE, NOW, 3600, 'other')],
    ['missing', () => undefined],
  ])('refreshes an access token that is %s, keeping a refresh token with ≥ 23 days', (_, make) => {
    const refreshToken = refreshWithLeft(25 * DAY);
    const accessToken = make();
    const cookies: Record<string, string> = { refresh_token: refreshToken };
    if (accessToken !== undefined) cookies.access_token = accessToken;
    const result = run(server, cookies);
    expect(result.outcome).toBe('refreshed');
    expect(result.userId).toBe(ALICE);
    expect(result.issued?.refreshToken).toBe(refreshToken);
    const issued = decodeJwt(result.issued?.accessToken ?? '', SECRET);
    expect(issued).toMatchObject({ user_id: ALICE, iss: 'velog.io', sub: 'access_token' });
    expect(issued?.iat).toBe(NOW / 1000);
    expect(issued?.exp).toBe(NOW / 1000 + accessLifetime);
    expect(result.setCookie).toHaveLength(server === 'v2' ? 4 : 2);
    expect(
      result.setCookie.filter((c) => c.startsWith(`refresh_token=${refreshToken};`)),
    ).toHaveLength(server === 'v2' ? 2 : 1);
  });

  it('rotates the refresh token when it has less than 23 days left', () => {
    const old = refreshWithLeft(23 * DAY - 1000);
    const result = run(server, { refresh_token: old });
    expect(result.outcome).toBe('rotated');
    expect(result.issued?.refreshToken).not.toBe(old);
    const rotated = decodeJwt(result.issued?.refreshToken ?? '', SECRET);
    expect(rotated).toMatchObject({ user_id: ALICE, sub: 'refresh_token', iss: 'velog.io' });
    expect(rotated?.exp).toBe(NOW / 1000 + 30 * 86400);
  });

  it('carries the original token_id into the rotated refresh token (v3 spells it token_Id)', () => {
    const old = refreshWithLeft(23 * DAY - 1000);
    const originalId = decodeJwt(old, SECRET)?.token_id;
    expect(originalId).toMatch(/^[0-9a-f-]{36}$/);
    const rotated = decodeJwt(
      run(server, { refresh_token: old }).issued?.refreshToken ?? '',
      SECRET,
    );
    if (server === 'v2') {
      expect(rotated?.token_id).toBe(originalId);
      expect(rotated).not.toHaveProperty('token_Id');
    } else {
      expect(rotated?.token_Id).toBe(originalId);
      expect(rotated).not.toHaveProperty('token_id');
    }
  });

  it.each(['token_Id', 'none'] as const)(
    'rotates a refresh token with %s (no token_id) into one with no id',
    (field) => {
      const old = refreshWithLeft(23 * DAY - 1000, field);
      const result = run(server, { refresh_token: old });
      expect(result.outcome).toBe('rotated');
      const rotated = decodeJwt(result.issued?.refreshToken ?? '', SECRET);
      expect(rotated).not.toHaveProperty('token_id');
      expect(rotated).not.toHaveProperty('token_Id');
    },
  );

  it('keeps the refresh token with exactly 23 days left', () => {
    expect(run(server, { refresh_token: refreshWithLeft(23 * DAY) }).outcome).toBe('refreshed');
  });

  it.each(['token_id', 'token_Id', 'none'] as const)('accepts a refresh token with %s', (field) => {
    expect(run(server, { refresh_token: refreshWithLeft(25 * DAY, field) }).userId).toBe(ALICE);
  });

  it('lets the same refresh token work twice: nothing is single-use', () => {
    const refreshToken = refreshWithLeft(25 * DAY);
    expect(run(server, { refresh_token: refreshToken }).userId).toBe(ALICE);
    expect(run(server, { refresh_token: refreshToken }).userId).toBe(ALICE);
  });

  it.each([
    ['expired', () => refreshWithLeft(-1000)],
    ['garbage', () => 'garbage'],
    ['foreign', () => mintRefreshToken(ALICE, NOW, 86400, 'other')],
  ])('runs anonymously when the refresh token is %s too', (_, make) => {
    const result = run(server, {
      access_token: access(NOW - 2 * 3600_000, 3600_000),
      refresh_token: make(),
    });
    expect(result.userId).toBeNull();
    expect(result.outcome).toBe('refresh-failed');
    if (server === 'v2') expect(result.setCookie).toEqual([]);
    else {
      expect(result.setCookie).toEqual([
        'access_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
        'refresh_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
      ]);
    }
  });

  it('fails the refresh of a user who no longer exists', () => {
    const result = run(server, { refresh_token: refreshWithLeft(25 * DAY) }, false);
    expect(result.userId).toBeNull();
    expect(result.outcome).toBe('refresh-failed');
  });

  it.each([
    ['garbage', () => 'garbage'],
    ['expired', () => refreshWithLeft(-1000)],
  ])(
    'with a still-valid access token under 30 minutes and a refresh token that is %s: v3 signs nobody in, v2 keeps the user',
    (_, make) => {
      const result = run(server, { access_token: access(NOW, 10 * MIN), refresh_token: make() });
      expect(result.outcome).toBe('refresh-failed');
      if (server === 'v3') {
        expect(result.userId).toBeNull();
        expect(result.setCookie).toEqual(v3ClearingSetCookies());
      } else {
        expect(result.userId).toBe(ALICE);
        expect(result.setCookie).toEqual([]);
      }
    },
  );

  it('keeps the user of a still-valid access token under 30 minutes when no refresh token is sent', () => {
    const result = run(server, { access_token: access(NOW, 10 * MIN) });
    expect(result).toEqual({ userId: ALICE, outcome: 'none', setCookie: [], issued: null });
  });

  it('runs anonymously, saying nothing, with an expired access token and no refresh token', () => {
    expect(run(server, { access_token: access(NOW - 2 * 3600_000, 3600_000) })).toEqual({
      userId: null,
      outcome: 'none',
      setCookie: [],
      issued: null,
    });
    expect(run(server, {})).toEqual({ userId: null, outcome: 'none', setCookie: [], issued: null });
  });

  it('treats empty cookie values as absent', () => {
    expect(run(server, { access_token: '', refresh_token: '' }).outcome).toBe('none');
  });
});
