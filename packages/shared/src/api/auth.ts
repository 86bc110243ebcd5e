import { z } from 'zod';
import { AuthStatus, ScrapeOutcome } from '../models/user.js';
import { KstDate } from '../time/kst.js';

/**
 * A cookie's value as RFC 6265 allows it (`cookie-octet`: visible ASCII less `"`, `,`, `;`, `\`):
 * each token is sent back to velog in a `Cookie` header, where anything else either cannot be
 * sent at all or would add a cookie of its own.
 */
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;
const MAX_TOKEN_LENGTH = 4096;

function velogCookie(name: string) {
  return z
    .string()
    .trim()
    .min(1, { message: `paste the ${name} cookie`, abort: true })
    .max(MAX_TOKEN_LENGTH, `the ${name} cookie is at most ${MAX_TOKEN_LENGTH} characters`)
    .regex(COOKIE_VALUE, `the ${name} cookie has no spaces, quotes, commas or semicolons`);
}

/** The two velog cookies a writer pastes into the sign-in form. */
export const LoginRequest = z.object({
  accessToken: velogCookie('access_token'),
  refreshToken: velogCookie('refresh_token'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const MeResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    thumbnail: z.string().nullable(),
    isDemo: z.boolean(),
    authStatus: AuthStatus,
  }),
  scrape: z.object({
    lastScrapeAt: z.coerce.date().nullable(),
    lastOutcome: ScrapeOutcome.nullable(),
    nextScrapeAt: z.coerce.date().nullable(),
    /** When the API asked the worker for a scrape that has not started yet. */
    requestedAt: z.coerce.date().nullable(),
    /** The first KST day we hold a snapshot for; daily gains start the day after. */
    firstSnapshotDay: KstDate.nullable(),
  }),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** `POST /api/refresh`: the scrape was asked for at `requestedAt`; the worker picks it up. */
export const RefreshResponse = z.object({ requestedAt: z.coerce.date() });
export type RefreshResponse = z.infer<typeof RefreshResponse>;
