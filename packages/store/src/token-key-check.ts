import { AppError } from '@velog-insights/shared';
import type { StoreModels } from './models.js';
import { decryptToken, type EncryptedToken, encryptToken, type TokenKey } from './token-crypto.js';

/*
 * A wrong TOKEN_ENCRYPTION_KEY decrypts nothing, yet without a check it is only found writer
 * by writer, in the middle of scrapes. So each process checks its keys once, at start-up,
 * against what is stored:
 *
 * - `token_key_checks` holds, per key id, an AES-GCM encryption of a fixed text under that
 *   key (never the key, nor anything derived from it but the id every stored token already
 *   carries). A configured key whose id has a check must decrypt it.
 * - The stored pairs of active writers are counted by key id whenever keys may be changing
 *   (a key seen for the first time, an old key configured, or a check left by another key). A
 *   pair under a key that is not configured is a wrong key: the process must not start.
 *   Writers marked reauth-required are left out: their dead pair is never decrypted again, and
 *   a new login replaces it.
 * - With only the current key configured and its check the only one, nothing is counted: the
 *   start-up costs one read of this small collection (FerretDB would scan `users` to count).
 */

const COLLECTION = 'token_key_checks';
/** Known to everyone; only the key can produce an encryption of it that authenticates. */
const CHECK_TEXT = 'velog-insights token key check v1';

export interface TokenKeyCheckDoc extends EncryptedToken {
  /** The key id. */
  _id: string;
  createdAt: Date;
}

export interface TokenKeyReport {
  currentKeyId: string;
  /** True when this start-up stored the current key's check: a new database or a new key. */
  created: boolean;
  /** Each configured old key, with the active writers whose pair still needs it. */
  oldKeys: { keyId: string; pairs: number }[];
  /** Checks of keys no stored pair needs any more, removed by this start-up. */
  retired: string[];
}

const ROTATE_HINT =
  'set TOKEN_ENCRYPTION_KEY to the key the tokens were encrypted with, or, while rotating to a ' +
  'new key, put that old key in TOKEN_ENCRYPTION_OLD_KEYS';

function keyMismatch(message: string, details: Record<string, unknown>): AppError {
  return new AppError('token-key-mismatch', `${message}: ${ROTATE_HINT}`, {
    status: 500,
    details,
  });
}

function decryptsCheck(check: TokenKeyCheckDoc, key: TokenKey): boolean {
  try {
    return decryptToken(check, [key]) === CHECK_TEXT;
  } catch {
    return false;
  }
}

/** Active writers' pairs by the key ids they are encrypted under (a pair counts once per id). */
async function countPairsByKeyId(models: StoreModels): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const cursor = models.User.collection.find(
    { authStatus: 'active', tokens: { $ne: null } },
    { projection: { 'tokens.accessToken.keyId': 1, 'tokens.refreshToken.keyId': 1 } },
  );
  for await (const user of cursor) {
    const tokens = user.tokens as {
      accessToken?: { keyId?: string };
      refreshToken?: { keyId?: string };
    };
    const ids = new Set([tokens.accessToken?.keyId, tokens.refreshToken?.keyId]);
    for (const id of ids) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown }).code === 11000;
}

/**
 * Verifies the configured keys against the database; throws `token-key-mismatch` (its message
 * names the variable and what to do) when a stored token needs a key that is not configured,
 * or a configured key fails its check. A new database, or a new current key with every stored
 * pair readable, gets the current key's check.
 */
export async function checkTokenKeys(
  models: StoreModels,
  keys: { current: TokenKey; all: readonly TokenKey[] },
  now: Date,
): Promise<TokenKeyReport> {
  const { current } = keys;
  const old = [...new Map(keys.all.map((key) => [key.id, key])).values()].filter(
    (key) => key.id !== current.id,
  );
  const collection = models.User.db.collection<TokenKeyCheckDoc>(COLLECTION);
  const checks = new Map((await collection.find().toArray()).map((check) => [check._id, check]));

  for (const [variable, key] of [
    ['TOKEN_ENCRYPTION_KEY', current],
    ...old.map((key) => ['TOKEN_ENCRYPTION_OLD_KEYS', key] as const),
  ] as const) {
    const check = checks.get(key.id);
    if (check && !decryptsCheck(check, key)) {
      throw keyMismatch(`${variable} holds a key (id ${key.id}) that fails its stored check`, {
        variable,
        keyId: key.id,
      });
    }
  }

  const steady = checks.has(current.id) && checks.size === 1 && old.length === 0;
  if (steady) return { currentKeyId: current.id, created: false, oldKeys: [], retired: [] };

  const pairs = await countPairsByKeyId(models);
  const configured = new Set([current.id, ...old.map((key) => key.id)]);
  const unknown = [...pairs].filter(([id]) => !configured.has(id));
  if (unknown.length > 0) {
    const listed = unknown.map(([id, count]) => `${id} (${count} writer(s))`).join(', ');
    throw keyMismatch(
      `TOKEN_ENCRYPTION_KEY is not the key stored tokens were encrypted with: they need key id(s) ${listed}, and TOKEN_ENCRYPTION_KEY is key id ${current.id}`,
      { variable: 'TOKEN_ENCRYPTION_KEY', keyId: current.id, needed: unknown.map(([id]) => id) },
    );
  }

  let created = false;
  if (!checks.has(current.id)) {
    try {
      await collection.insertOne({
        _id: current.id,
        ...encryptToken(CHECK_TEXT, current),
        createdAt: now,
      });
      created = true;
    } catch (error) {
      // Another process with the same key started at the same moment and wrote it first.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  const retired = [...checks.keys()].filter((id) => id !== current.id && !pairs.has(id));
  if (retired.length > 0) await collection.deleteMany({ _id: { $in: retired } });

  return {
    currentKeyId: current.id,
    created,
    oldKeys: old.map((key) => ({ keyId: key.id, pairs: pairs.get(key.id) ?? 0 })),
    retired,
  };
}

/** What the operator needs from a report: per old key, whether TOKEN_ENCRYPTION_OLD_KEYS still needs it. */
export function describeOldKeys(
  report: TokenKeyReport,
): { keyId: string; pairs: number; msg: string }[] {
  return report.oldKeys.map(({ keyId, pairs }) => ({
    keyId,
    pairs,
    msg:
      pairs > 0
        ? `${pairs} active writer(s) still have tokens under old key id ${keyId}: keep it in TOKEN_ENCRYPTION_OLD_KEYS until each is scraped or signs in again`
        : `no stored token needs old key id ${keyId} any more: remove it from TOKEN_ENCRYPTION_OLD_KEYS`,
  }));
}
