import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { TokenKey } from '../token-crypto.js';

/*
 * Links that act without a session: verifying an e-mail address, unsubscribing from one list.
 * A link carries its claims in the clear and an HMAC over them, under a key derived from the
 * token encryption key (HKDF with a label of its own, so a link's MAC is never a token's key
 * material). Both processes have that key: the worker signs the links it mails, the API checks
 * them. Old keys still verify, so links mailed before a key rotation keep working.
 */

const LABEL = 'velog-insights signed links v1';

export const LinkClaims = z.discriminatedUnion('purpose', [
  z.object({
    purpose: z.literal('verify-email'),
    userId: z.string().min(1),
    /** The address settings' nonce when the link was sent: a newer address voids the link. */
    nonce: z.string().min(1),
    /** Epoch seconds. */
    expiresAt: z.number().int(),
  }),
  z.object({
    purpose: z.literal('unsubscribe'),
    userId: z.string().min(1),
    /** The one list this link leaves. */
    list: z.enum(['digest', 'alerts']),
  }),
]);
export type LinkClaims = z.infer<typeof LinkClaims>;

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

function linkKey(key: TokenKey): Buffer {
  return Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), LABEL, 32));
}

function mac(key: TokenKey, body: string): Buffer {
  return createHmac('sha256', linkKey(key)).update(body).digest();
}

/** `<claims as base64url JSON>.<HMAC-SHA256 as base64url>`: safe in a URL's query. */
export function signLink(claims: LinkClaims, key: TokenKey): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export function verifyLink(token: string, keys: readonly TokenKey[], now: Date): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const genuine = keys.some((key) => {
    const expected = mac(key, body);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!genuine) return { ok: false, reason: 'bad-signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = LinkClaims.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const claims = parsed.data;
  if (claims.purpose === 'verify-email' && claims.expiresAt * 1000 <= now.getTime())
    return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
