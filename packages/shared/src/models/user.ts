import { z } from 'zod';
import { VelogProfile } from './velog-profile.js';

/**
 * `active`: the stored tokens sign in as this writer. `reauth-required`: velog no longer
 * accepts them; the worker leaves the user alone until new tokens arrive.
 */
export const AuthStatus = z.enum(['active', 'reauth-required']);
export type AuthStatus = z.infer<typeof AuthStatus>;

export const ScrapeOutcome = z.enum(['ok', 'partial', 'failed']);
export type ScrapeOutcome = z.infer<typeof ScrapeOutcome>;

/** A writer as the API may show them: never tokens, never anyone else's email. */
export const User = z.object({
  id: z.string().min(1),
  profile: VelogProfile,
  authStatus: AuthStatus,
  isDemo: z.boolean(),
  lastScrapeAt: z.coerce.date().nullable(),
  lastScrapeOutcome: ScrapeOutcome.nullable(),
  createdAt: z.coerce.date(),
});
export type User = z.infer<typeof User>;
