import { describe, expect, it } from 'vitest';
import { applySetCookies, clearsSession, toCookieHeader } from './cookies.js';

const pair = { accessToken: 'old-access', refreshToken: 'old-refresh' };

describe('velog cookies', () => {
  it('sends exactly the two cookies of one user', () => {
    expect(toCookieHeader(pair)).toBe('access_token=old-access; refresh_token=old-refresh');
  });

  it('takes a v3 rotation (one header per cookie, Max-Age)', () => {
    expect(
      applySetCookies(pair, [
        'access_token=new-access; Path=/; HttpOnly; Max-Age=86400; Domain=.velog.io',
        'refresh_token=new-refresh; Path=/; HttpOnly; Max-Age=2592000; Domain=.velog.io',
      ]),
    ).toEqual({ accessToken: 'new-access', refreshToken: 'new-refresh' });
  });

  it('takes a v2 rotation written twice, keeping the refresh token it did not replace', () => {
    const expires = 'expires=Tue, 24 Nov 2026 01:00:00 GMT';
    expect(
      applySetCookies(pair, [
        `access_token=new-access; path=/; ${expires}; domain=.velog.io; httponly`,
        `access_token=new-access; path=/; ${expires}; httponly`,
      ]),
    ).toEqual({ accessToken: 'new-access', refreshToken: 'old-refresh' });
  });

  it('never stores the empty values of a cleared pair, and reports no change', () => {
    expect(
      applySetCookies(pair, [
        'access_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
        'refresh_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
      ]),
    ).toBeNull();
    expect(applySetCookies(pair, undefined)).toBeNull();
    expect(applySetCookies(pair, 'other=1; Path=/')).toBeNull();
    expect(applySetCookies(pair, 'access_token=old-access; Path=/')).toBeNull();
  });

  it('tells v3 clearing the session apart from a refresh and from silence', () => {
    expect(
      clearsSession([
        'access_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
        'refresh_token=; Domain=.velog.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly',
      ]),
    ).toBe(true);
    expect(clearsSession('access_token=; Path=/')).toBe(true);
    expect(clearsSession(['access_token=new; Max-Age=86400; Path=/'])).toBe(false);
    expect(clearsSession(['refresh_token=; Path=/'])).toBe(false);
    expect(clearsSession(undefined)).toBe(false);
  });
});
