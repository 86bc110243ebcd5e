import { z } from 'zod';

/** What velog's `currentUser` tells us about a writer that we may show back to them. */
export const VelogProfile = z.object({
  velogUserId: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string(),
  thumbnail: z.string().nullable(),
});
export type VelogProfile = z.infer<typeof VelogProfile>;
