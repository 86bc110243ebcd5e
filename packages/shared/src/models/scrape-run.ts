import { z } from 'zod';
import { ScrapeOutcome } from './user.js';

export const ScrapeError = z.object({
  code: z.string(),
  message: z.string(),
  postId: z.string().optional(),
});
export type ScrapeError = z.infer<typeof ScrapeError>;

/** One user's scrape: what it asked velog, what it wrote, and how it ended. */
export const ScrapeRun = z.object({
  id: z.string().min(1),
  userId: z.string().min(1),
  workerId: z.string(),
  startedAt: z.coerce.date(),
  endedAt: z.coerce.date().nullable(),
  outcome: ScrapeOutcome.nullable(),
  counts: z.object({
    requests: z.number().int().nonnegative(),
    posts: z.number().int().nonnegative(),
    statsFailed: z.number().int().nonnegative(),
    /** Month documents written (0 for an unchanged re-scrape). */
    monthsWritten: z.number().int().nonnegative(),
    /** Whether the posts' listing details were written (they changed). */
    detailsWritten: z.number().int().nonnegative(),
  }),
  errors: z.array(ScrapeError),
});
export type ScrapeRun = z.infer<typeof ScrapeRun>;
