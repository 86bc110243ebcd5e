import { z } from 'zod';
import { AuthStatus, ScrapeOutcome } from '../models/user.js';
import { KstDate } from '../time/kst.js';

/** The two velog cookies a writer pastes into the sign-in form. */
export const LoginRequest = z.object({
  accessToken: z.string().trim().min(1, 'paste the access_token cookie'),
  refreshToken: z.string().trim().min(1, 'paste the refresh_token cookie'),
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
