import { describe, expect, it } from 'vitest';
import {
  parseCookieHeader,
  v2TokenSetCookies,
  v3ClearingSetCookies,
  v3TokenSetCookies,
} from './cookies.js';

const tokens = { accessToken: 'AAA', refreshToken: 'RRR' };

describe('parseCookieHeader', () => {
  it('reads name=value pairs and keeps the first of a repeated name', () => {
    expect(parseCookieHeader('access_token=a.b.c; refresh_token=x; access_token=zzz')).toEqual({
      access_token: 'a.b.c',
      refresh_token: 'x',
    });
    expect(parseCookieHeader(undefined)).toEqual({});
    expect(parseCookieHeader('junk; a="quoted"; b=%20')).toEqual({ a: 'quoted', b: ' ' });
  });
});

describe('Set-Cookie output', () => {
  it('v2 writes four Koa-style headers with expires, domain first then host-only', () => {
    const now = Date.parse('2026-11-22T14:59:59Z');
    expect(v2TokenSetCookies(tokens, now)).toEqual([
      'access_token=AAA; path=/; expires=Sun, 22 Nov 2026 15:59:59 GMT; domain=.velog.io; httponly',
      'refresh_token=RRR; path=/; expires=Tue, 22 Dec 2026 14:59:59 GMT; domain=.velog.io; httponly',
      'access_token=AAA; path=/; expires=Sun, 22 Nov 2026 15:59:59 GMT; httponly',
      'refresh_token=RRR; path=/; expires=Tue, 22 Dec 2026 14:59:59 GMT; httponly',
    ]);
  });

  it('v3 writes two headers with Max-Age in seconds', () => {
    expect(v3TokenSetCookies(tokens)).toEqual([
      'access_token=AAA; Max-Age=86400; Domain=.velog.io; Path=/; HttpOnly',
      'refresh_token=RRR; Max-Age=2592000; Domain=.velog.io; Path=/; HttpOnly',
    ]);
  });

  it('v3 clears both cookies with an empty value expired at the epoch and no Max-Age', () => {
    expect(v3ClearingSetCookies()).toEqual([
      'access_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
      'refresh_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
    ]);
  });
});
