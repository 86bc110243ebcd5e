import type { VelogProfile } from '@velog-insights/shared';
import type { VelogClient } from './client.js';
import type { VelogTokens } from './cookies.js';
import type { VelogCurrentUser } from './documents.js';
import { isVelogError, VelogError } from './errors.js';

export type VerifyResult =
  | { kind: 'signed-in'; profile: VelogProfile; tokens: VelogTokens }
  | { kind: 'signed-out' };

export function toVelogProfile(user: VelogCurrentUser): VelogProfile {
  return {
    velogUserId: user.id,
    username: user.username,
    displayName: user.profile.display_name ?? '',
    thumbnail: user.profile.thumbnail || null,
  };
}

/**
 * Asks velog who a pair of cookies signs in as. The returned tokens are the ones to store:
 * velog may have rotated them while answering. Throws `velog-unavailable` (502) when velog
 * cannot be reached after the client's retries, and `velog-schema-mismatch` (502) when velog no
 * longer understands our query: a sign-in form cannot fix that, a report can.
 */
export async function verifyVelogTokens(
  client: VelogClient,
  tokens: VelogTokens,
): Promise<VerifyResult> {
  const session = client.openSession(tokens);
  try {
    const user = await session.currentUser();
    if (user === null) return { kind: 'signed-out' };
    return { kind: 'signed-in', profile: toVelogProfile(user), tokens: session.tokens };
  } catch (error) {
    if (isVelogError(error, 'signed-out')) return { kind: 'signed-out' };
    if (isVelogError(error, 'transient') || isVelogError(error, 'schema-mismatch')) throw error;
    throw new VelogError('transient', 'velog gave an answer we could not read', { cause: error });
  }
}
