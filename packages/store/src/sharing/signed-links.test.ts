import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTokenKey, parseTokenKey } from '../token-crypto.js';
import { type LinkClaims, signLink, verifyLink } from './signed-links.js';

const key = parseTokenKey(generateTokenKey());
const otherKey = parseTokenKey(generateTokenKey());
const now = new Date('2026-12-02T00:00:00Z');
const unsubscribe: LinkClaims = { purpose: 'unsubscribe', userId: 'u1', list: 'digest' };

describe('signed links', () => {
  it('verifies what it signed, under the current or an old key', () => {
    const token = signLink(unsubscribe, key);
    expect(verifyLink(token, [key], now)).toEqual({ ok: true, claims: unsubscribe });
    expect(verifyLink(token, [otherKey, key], now)).toEqual({ ok: true, claims: unsubscribe });
  });

  it('refuses a link signed by another key', () => {
    expect(verifyLink(signLink(unsubscribe, otherKey), [key], now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a link whose claims were changed, whatever the change', () => {
    const token = signLink(unsubscribe, key);
    const [, signature] = token.split('.');
    fc.assert(
      fc.property(
        fc.record({
          userId: fc.string({ minLength: 1 }),
          list: fc.constantFrom('digest', 'alerts'),
        }),
        (forged) => {
          fc.pre(forged.userId !== 'u1' || forged.list !== 'digest');
          const body = Buffer.from(JSON.stringify({ purpose: 'unsubscribe', ...forged })).toString(
            'base64url',
          );
          expect(verifyLink(`${body}.${signature}`, [key], now)).toEqual({
            ok: false,
            reason: 'bad-signature',
          });
        },
      ),
    );
  });

  it('refuses junk without throwing', () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        expect(verifyLink(junk, [key], now).ok).toBe(false);
      }),
    );
  });

  it('refuses an expired verification link', () => {
    const claims: LinkClaims = {
      purpose: 'verify-email',
      userId: 'u1',
      nonce: 'n1',
      expiresAt: now.getTime() / 1000,
    };
    expect(verifyLink(signLink(claims, key), [key], now)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyLink(signLink(claims, key), [key], new Date(now.getTime() - 1000))).toEqual({
      ok: true,
      claims,
    });
  });
});
