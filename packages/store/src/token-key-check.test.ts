import { useTestDatabase } from '@velog-insights/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { ensureStoreIndexes, storeModels } from './models.js';
import { generateTokenKey, parseTokenKey, type TokenKey } from './token-crypto.js';
import { checkTokenKeys } from './token-key-check.js';
import {
  decryptTokenPair,
  markReauthRequired,
  reencryptTokenPair,
  saveRotatedTokens,
  saveUserLogin,
} from './users.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-22T03:00:00Z');
const t1 = new Date('2026-11-22T04:00:00Z');
const tokens = { accessToken: 'plain-access', refreshToken: 'plain-refresh' };

const newKey = () => parseTokenKey(generateTokenKey());
const keys = (current: TokenKey, ...old: TokenKey[]) => ({ current, all: [current, ...old] });

async function login(userId: string, key: TokenKey) {
  await saveUserLogin(storeModels(db.connection), {
    profile: { velogUserId: userId, username: userId, displayName: userId, thumbnail: null },
    tokens,
    key,
    now: t0,
  });
}

const checks = () =>
  db.connection
    .collection('token_key_checks')
    .find()
    .toArray()
    .then((docs) => docs.map((doc) => doc._id).sort());

beforeEach(async () => {
  await ensureStoreIndexes(db.connection);
  await db.connection.collection('users').deleteMany({});
  await db.connection.collection('token_key_checks').deleteMany({});
});

describe('checking the token keys at start-up', () => {
  it('stores a check for the key on a new database, which holds neither the key nor the text in clear', async () => {
    const key = newKey();
    const report = await checkTokenKeys(storeModels(db.connection), keys(key), t0);
    expect(report).toEqual({ currentKeyId: key.id, created: true, oldKeys: [], retired: [] });
    const [check] = await db.connection.collection('token_key_checks').find().toArray();
    expect(check).toMatchObject({ _id: key.id, keyId: key.id, createdAt: t0 });
    const raw = JSON.stringify(check);
    expect(raw).not.toContain(key.key.toString('hex'));
    expect(raw).not.toContain(key.key.toString('base64'));
    expect(raw).not.toContain('check');
    // The same key again: nothing to count, nothing written.
    expect(await checkTokenKeys(storeModels(db.connection), keys(key), t1)).toMatchObject({
      created: false,
    });
  });

  it('refuses a key other than the one the stored tokens need, naming TOKEN_ENCRYPTION_KEY', async () => {
    const right = newKey();
    await checkTokenKeys(storeModels(db.connection), keys(right), t0);
    await login('u-1', right);
    const wrong = newKey();
    const attempt = checkTokenKeys(storeModels(db.connection), keys(wrong), t1);
    await expect(attempt).rejects.toMatchObject({
      code: 'token-key-mismatch',
      message: expect.stringMatching(/^TOKEN_ENCRYPTION_KEY .*TOKEN_ENCRYPTION_OLD_KEYS/),
    });
    await expect(attempt).rejects.toSatisfy(
      (error: Error) =>
        !error.message.includes(wrong.key.toString('hex')) && !/\n/.test(error.message),
    );
    // Nothing of the wrong key was stored.
    expect(await checks()).toEqual([right.id]);
  });

  it('refuses a wrong key on a database written before the checks existed', async () => {
    const right = newKey();
    await login('u-1', right);
    await expect(
      checkTokenKeys(storeModels(db.connection), keys(newKey()), t1),
    ).rejects.toMatchObject({ code: 'token-key-mismatch' });
    expect(await checkTokenKeys(storeModels(db.connection), keys(right), t1)).toMatchObject({
      created: true,
    });
  });

  it('refuses a key whose id matches a check it cannot decrypt', async () => {
    const key = newKey();
    await checkTokenKeys(storeModels(db.connection), keys(key), t0);
    const impostor = { id: key.id, key: newKey().key };
    await expect(
      checkTokenKeys(storeModels(db.connection), keys(impostor), t1),
    ).rejects.toMatchObject({
      code: 'token-key-mismatch',
      message: expect.stringContaining('TOKEN_ENCRYPTION_KEY'),
    });
  });

  it('ignores the dead pairs of writers who must sign in again, and retires checks no pair needs', async () => {
    const first = newKey();
    await checkTokenKeys(storeModels(db.connection), keys(first), t0);
    await login('u-1', first);
    await markReauthRequired(storeModels(db.connection), 'u-1', t1);
    const second = newKey();
    expect(await checkTokenKeys(storeModels(db.connection), keys(second), t1)).toEqual({
      currentKeyId: second.id,
      created: true,
      oldKeys: [],
      retired: [first.id],
    });
    expect(await checks()).toEqual([second.id]);
  });
});

describe('rotating the key', () => {
  it('reads under the old key, re-encrypts on the next write, and counts what still needs the old key', async () => {
    const models = storeModels(db.connection);
    const old = newKey();
    await checkTokenKeys(models, keys(old), t0);
    await login('u-1', old);
    await login('u-2', old);
    const current = newKey();

    // The new key alone is too early: the stored pairs need the old one.
    await expect(checkTokenKeys(models, keys(current), t1)).rejects.toMatchObject({
      code: 'token-key-mismatch',
      details: expect.objectContaining({ needed: [old.id] }),
    });
    expect(await checkTokenKeys(models, keys(current, old), t1)).toEqual({
      currentKeyId: current.id,
      created: true,
      oldKeys: [{ keyId: old.id, pairs: 2 }],
      retired: [],
    });

    // A scrape reads u-1's pair with the old key and stores it again under the current one,
    // keeping the login it came from.
    const stored = (await models.User.findById('u-1').lean())?.tokens;
    if (!stored) throw new Error('u-1 has tokens');
    const read = decryptTokenPair(stored, [current, old]);
    expect(read).toEqual(tokens);
    expect(
      await reencryptTokenPair(models, { userId: 'u-1', stored, tokens: read, key: current }),
    ).toBe(true);
    const after = (await models.User.findById('u-1').lean())?.tokens;
    expect(after?.accessToken.keyId).toBe(current.id);
    expect(after?.refreshToken.keyId).toBe(current.id);
    expect(after?.updatedAt).toEqual(stored.updatedAt);
    expect(decryptTokenPair(after as never, [current])).toEqual(tokens);
    // Under the current key already: nothing to write.
    expect(
      await reencryptTokenPair(models, {
        userId: 'u-1',
        stored: after as never,
        tokens,
        key: current,
      }),
    ).toBe(false);

    // u-2's pair is rotated by velog: that write uses the current key too.
    await saveRotatedTokens(models, { userId: 'u-2', tokens, key: current, now: t1 });
    expect(await checkTokenKeys(models, keys(current, old), t1)).toEqual({
      currentKeyId: current.id,
      created: false,
      oldKeys: [{ keyId: old.id, pairs: 0 }],
      retired: [old.id],
    });
    // Now the old key can go.
    expect(await checkTokenKeys(models, keys(current), t1)).toMatchObject({ created: false });
    expect(await checks()).toEqual([current.id]);
  });

  it('leaves a pair alone when a login replaced it since it was read', async () => {
    const models = storeModels(db.connection);
    const old = newKey();
    const current = newKey();
    await login('u-1', old);
    const stored = (await models.User.findById('u-1').lean())?.tokens;
    if (!stored) throw new Error('u-1 has tokens');
    await models.User.updateOne({ _id: 'u-1' }, { $set: { 'tokens.updatedAt': t1 } });
    expect(await reencryptTokenPair(models, { userId: 'u-1', stored, tokens, key: current })).toBe(
      false,
    );
    expect((await models.User.findById('u-1').lean())?.tokens?.accessToken.keyId).toBe(old.id);
  });
});
