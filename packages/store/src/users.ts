import type { VelogProfile } from '@velog-insights/shared';
import type { VelogTokens } from '@velog-insights/velog';
import type { StoreModels, UserDoc } from './models.js';
import { decryptToken, encryptToken, type TokenKey } from './token-crypto.js';

export function encryptTokenPair(tokens: VelogTokens, key: TokenKey, now: Date): UserDoc['tokens'] {
  return {
    accessToken: encryptToken(tokens.accessToken, key),
    refreshToken: encryptToken(tokens.refreshToken, key),
    updatedAt: now,
  };
}

export function decryptTokenPair(
  tokens: NonNullable<UserDoc['tokens']>,
  keys: readonly TokenKey[],
): VelogTokens {
  return {
    accessToken: decryptToken(tokens.accessToken, keys),
    refreshToken: decryptToken(tokens.refreshToken, keys),
  };
}

/**
 * Creates or updates a writer after velog confirmed their tokens: keyed on velog's user id, so
 * signing in again (even under a new username) updates the same writer. The tokens are stored
 * encrypted, the writer is active again, and a scrape is requested so the worker starts at once.
 */
export async function saveUserLogin(
  models: StoreModels,
  input: { profile: VelogProfile; tokens: VelogTokens; key: TokenKey; now: Date },
): Promise<UserDoc> {
  const { profile, tokens, key, now } = input;
  // Insert first, then update: FerretDB v1 drops a dotted `$setOnInsert` that sits beside a
  // dotted `$set` of the same sub-document, so one upsert would lose the new writer's defaults.
  await models.User.collection
    .insertOne({
      _id: profile.velogUserId,
      username: profile.username,
      displayName: profile.displayName,
      thumbnail: profile.thumbnail,
      isDemo: false,
      authStatus: 'active',
      tokens: null,
      scrape: {
        lastStartedAt: null,
        lastFinishedAt: null,
        lastOutcome: null,
        nextDueAt: null,
        requestedAt: null,
        firstSnapshotDay: null,
      },
      createdAt: now,
      updatedAt: now,
    } satisfies UserDoc as never)
    .catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== 11000) throw error;
    });
  const user = await models.User.findOneAndUpdate(
    { _id: profile.velogUserId },
    {
      $set: {
        username: profile.username,
        displayName: profile.displayName,
        thumbnail: profile.thumbnail,
        authStatus: 'active',
        tokens: encryptTokenPair(tokens, key, now),
        'scrape.requestedAt': now,
        updatedAt: now,
      },
    },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!user) throw new Error(`saveUserLogin: user ${profile.velogUserId} was not written`);
  return user;
}

/** Asks the worker for a scrape of this writer soon (it polls every minute). */
export async function requestScrape(
  models: StoreModels,
  userId: string,
  now: Date,
): Promise<boolean> {
  const result = await models.User.updateOne(
    { _id: userId },
    { $set: { 'scrape.requestedAt': now, updatedAt: now } },
  );
  return result.matchedCount === 1;
}

/**
 * Stores a pair velog rotated, unless the writer signed in again meanwhile (`tokens.updatedAt`
 * is no longer the one the scrape holds): that login's pair is as valid as ours and newer.
 * Only the tokens change; a rotation says nothing about whether the writer is active.
 */
export async function saveRotatedTokens(
  models: StoreModels,
  input: { userId: string; tokens: VelogTokens; key: TokenKey; now: Date; replacing?: Date },
): Promise<boolean> {
  const { userId, tokens, key, now, replacing } = input;
  const result = await models.User.updateOne(
    replacing ? { _id: userId, 'tokens.updatedAt': replacing } : { _id: userId },
    { $set: { tokens: encryptTokenPair(tokens, key, now) } },
  );
  return result.matchedCount === 1;
}

/**
 * velog no longer signs these tokens in as this writer. The tokens stay as they were (they are
 * the evidence, and a re-login replaces them); the worker skips the writer until then.
 */
export async function markReauthRequired(
  models: StoreModels,
  userId: string,
  now: Date,
  /** The `tokens.updatedAt` the dead pair was loaded with: a newer login is left alone. */
  tokensUpdatedAt?: Date,
): Promise<void> {
  await models.User.updateOne(
    tokensUpdatedAt ? { _id: userId, 'tokens.updatedAt': tokensUpdatedAt } : { _id: userId },
    { $set: { authStatus: 'reauth-required', updatedAt: now } },
  );
}
