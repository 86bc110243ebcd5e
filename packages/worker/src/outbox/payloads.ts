import { KstDate, type OutboxKind } from '@velog-insights/shared';
import { z } from 'zod';

/*
 * What each kind of outbox entry carries: plain data, written when the occasion is noticed and
 * rendered (language, links) when it is delivered. The worker is the only reader; the API
 * writes only `verify-email` (the contract in HELPERS.md / writer-settings.ts).
 */

const Count = z.number().int();
const PostRef = z.object({ postId: z.string(), title: z.string(), urlSlug: z.string() });

export const DigestPost = PostRef.extend({ views: Count.nullable(), likes: Count.nullable() });
export type DigestPost = z.infer<typeof DigestPost>;

export const DigestFigures = z.object({
  username: z.string(),
  week: z.object({ from: KstDate, to: KstDate }),
  views: Count.nullable(),
  likes: Count.nullable(),
  previous: z.object({ views: Count.nullable(), likes: Count.nullable() }),
  /** The week's most read posts, most views first. */
  top: z.array(DigestPost),
  /** Posts whose first seven days (from their release day) ended in the week. */
  newPosts: z.array(DigestPost.extend({ releasedOn: KstDate })),
});
export type DigestFigures = z.infer<typeof DigestFigures>;

export const OUTBOX_PAYLOADS = {
  'verify-email': z.object({ address: z.string(), nonce: z.string() }),
  'tokens-rejected': z.object({ username: z.string() }),
  milestone: PostRef.extend({ username: z.string(), milestone: Count, views: Count }),
  spike: z.object({ username: z.string(), day: KstDate, views: Count, median: z.number() }),
  'scrape-failing': z.object({ username: z.string(), since: z.iso.datetime() }),
  digest: DigestFigures,
} satisfies Record<OutboxKind, z.ZodType>;

export type OutboxPayload<K extends OutboxKind> = z.infer<(typeof OUTBOX_PAYLOADS)[K]>;

export type OutboxMessage = {
  [K in OutboxKind]: { kind: K; payload: OutboxPayload<K> };
}[OutboxKind];

/** The entry's payload checked against its kind; `null` when it does not fit (never sendable). */
export function parseOutboxMessage(
  kind: OutboxKind,
  payload: Record<string, unknown>,
): OutboxMessage | null {
  const parsed = OUTBOX_PAYLOADS[kind].safeParse(payload);
  return parsed.success ? ({ kind, payload: parsed.data } as OutboxMessage) : null;
}
