import type { VelogProfile } from '@velog-insights/shared';
import type { VelogTokens } from '@velog-insights/velog';
import { ALWAYS_DUE, DUE_FIELDS, type DueFields, scrapeDueAt } from './due-at.js';
import type { StoreModels, UserDoc } from './models.js';
import { markDueBy } from './scheduler-state.js';
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
        dueAt: null,
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
        'scrape.dueAt': ALWAYS_DUE,
        updatedAt: now,
      },
    },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!user) throw new Error(`saveUserLogin: user ${profile.velogUserId} was not written`);
  await markDueBy(models, ALWAYS_DUE);
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
    { $set: { 'scrape.requestedAt': now, 'scrape.dueAt': ALWAYS_DUE, updatedAt: now } },
  );
  if (result.matchedCount !== 1) return false;
  await markDueBy(models, ALWAYS_DUE);
  return true;
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
 * Writes a pair that was read under an old key back under `key`, so an old key is needed only
 * until each active writer's pair has been read once (docs/security.md, key rotation). The
 * pair's `tokens.updatedAt` stays: it names the login the pair came from, and a scrape holding
 * it may still store a rotation; a login landing meanwhile wins. False when nothing was written.
 */
export async function reencryptTokenPair(
  models: StoreModels,
  input: {
    userId: string;
    stored: NonNullable<UserDoc['tokens']>;
    tokens: VelogTokens;
    key: TokenKey;
  },
): Promise<boolean> {
  const { userId, stored, tokens, key } = input;
  if (stored.accessToken.keyId === key.id && stored.refreshToken.keyId === key.id) return false;
  const result = await models.User.updateOne(
    { _id: userId, 'tokens.updatedAt': stored.updatedAt },
    { $set: { tokens: encryptTokenPair(tokens, key, stored.updatedAt) } },
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
    { $set: { authStatus: 'reauth-required', 'scrape.dueAt': null, updatedAt: now } },
  );
}

/**
 * Stores the due time `user`'s fields give, as they were read. The write is conditional on the
 * request and status they had: a login or refresh request landing since has set its own,
 * earlier due time, which this must not overwrite. False when the writer changed meanwhile.
 */
export async function storeDueAt(
  models: StoreModels,
  user: DueFields & { _id: string },
): Promise<boolean> {
  const result = await models.User.updateOne(
    {
      _id: user._id,
      authStatus: user.authStatus ?? null,
      'scrape.requestedAt': user.scrape?.requestedAt ?? null,
    },
    { $set: { 'scrape.dueAt': scrapeDueAt(user) } },
  );
  return result.matchedCount === 1;
}

/**
 * After a scrape: reads what it left (its end sets the next due time) and stores the due time
 * that gives. The wake time is lowered only when that is earlier than the writer's stored one:
 * a later one keeps the wake time a lower bound, and every needless write to that one
 * document is a chance, on FerretDB, to interleave with a request's and lose it.
 */
export async function refreshDueAt(models: StoreModels, userId: string): Promise<Date | null> {
  const user = await models.User.findById(userId)
    .select(DUE_FIELDS)
    .lean<DueFields & Pick<UserDoc, 'scrape'>>();
  if (!user) return null;
  const dueAt = scrapeDueAt(user);
  const before = user.scrape?.dueAt;
  const earlier = dueAt !== null && (!before || dueAt < before);
  if ((await storeDueAt(models, { ...user, _id: userId })) && earlier) {
    await markDueBy(models, dueAt);
  }
  return dueAt;
}
