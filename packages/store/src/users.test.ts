import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALWAYS_DUE } from './due-at.js';
import { ensureStoreIndexes, storeModels } from './models.js';
import { readWake } from './scheduler-state.js';
import { generateTokenKey, parseTokenKey } from './token-crypto.js';
import {
  decryptTokenPair,
  markReauthRequired,
  refreshDueAt,
  requestScrape,
  saveRotatedTokens,
  saveUserLogin,
  storeDueAt,
} from './users.js';

const db = useTestDatabase();
const key = parseTokenKey(generateTokenKey());
const profile = { velogUserId: 'u-1', username: 'alice', displayName: 'Alice', thumbnail: null };
const t0 = new Date('2026-11-22T03:00:00Z');
const t1 = new Date('2026-11-22T04:00:00Z');

beforeAll(async () => {
  await ensureStoreIndexes(db.connection);
});

describe('saving a login', () => {
  it('creates the writer with encrypted tokens and asks for a scrape', async () => {
    const models = storeModels(db.connection);
    const user = await saveUserLogin(models, {
      profile,
      tokens: { accessToken: 'plain-access', refreshToken: 'plain-refresh' },
      key,
      now: t0,
    });
    expect(user).toMatchObject({
      _id: 'u-1',
      username: 'alice',
      displayName: 'Alice',
      thumbnail: null,
      isDemo: false,
      authStatus: 'active',
      createdAt: t0,
      scrape: { requestedAt: t0, lastStartedAt: null, lastOutcome: null, firstSnapshotDay: null },
    });
    const raw = await db.connection.collection('users').findOne({ _id: 'u-1' as never });
    expect(JSON.stringify(raw)).not.toContain('plain-');
    expect(raw?.tokens.accessToken.keyId).toBe(key.id);
    expect(decryptTokenPair(user.tokens as never, [key])).toEqual({
      accessToken: 'plain-access',
      refreshToken: 'plain-refresh',
    });
  });

  it('updates the same writer on a new login, reactivating it and keeping its history fields', async () => {
    const models = storeModels(db.connection);
    await models.User.updateOne(
      { _id: 'u-1' },
      { $set: { 'scrape.firstSnapshotDay': '2026-11-20' } },
    );
    await markReauthRequired(models, 'u-1', t0);
    expect((await models.User.findById('u-1').lean())?.authStatus).toBe('reauth-required');
    const user = await saveUserLogin(models, {
      profile: { ...profile, username: 'alice2' },
      tokens: { accessToken: 'a2', refreshToken: 'r2' },
      key,
      now: t1,
    });
    expect(user).toMatchObject({
      username: 'alice2',
      authStatus: 'active',
      createdAt: t0,
      updatedAt: t1,
      scrape: { requestedAt: t1, firstSnapshotDay: '2026-11-20' },
    });
    expect(await models.User.countDocuments()).toBe(1);
  });

  it('does not mark a newer login as needing re-authentication', async () => {
    const models = storeModels(db.connection);
    await markReauthRequired(models, 'u-1', t1, t0);
    expect((await models.User.findById('u-1').lean())?.authStatus).toBe('active');
    await markReauthRequired(models, 'u-1', t1, t1);
    expect((await models.User.findById('u-1').lean())?.authStatus).toBe('reauth-required');
  });

  it('stores a rotated pair encrypted and records scrape requests', async () => {
    const models = storeModels(db.connection);
    const current = (await models.User.findById('u-1').lean())?.tokens?.updatedAt;
    const stale = { userId: 'u-1', tokens: { accessToken: 'x', refreshToken: 'y' }, key, now: t1 };
    expect(await saveRotatedTokens(models, { ...stale, replacing: t0 })).toBe(false);
    const fresh = {
      userId: 'u-1',
      tokens: { accessToken: 'a3', refreshToken: 'r3' },
      key,
      now: t1,
    };
    expect(await saveRotatedTokens(models, { ...fresh, replacing: current })).toBe(true);
    const user = await models.User.findById('u-1').lean();
    expect(decryptTokenPair(user?.tokens as never, [key])).toEqual({
      accessToken: 'a3',
      refreshToken: 'r3',
    });
    const later = new Date('2026-11-22T05:00:00Z');
    expect(await requestScrape(models, 'u-1', later)).toBe(true);
    expect((await models.User.findById('u-1').lean())?.scrape.requestedAt).toEqual(later);
    expect(await requestScrape(models, 'nobody', later)).toBe(false);
  });
});

describe('a writer’s due time', () => {
  const bob = { velogUserId: 'u-2', username: 'bob', displayName: 'Bob', thumbnail: null };
  const tokens = { accessToken: 'a', refreshToken: 'r' };
  const dueAtOf = async (id: string) =>
    (await storeModels(db.connection).User.findById(id).lean())?.scrape.dueAt;

  it('is now after a login or a refresh request, which lower the wake time; none once reauth is required', async () => {
    const models = storeModels(db.connection);
    await models.SchedulerState.deleteMany({});
    await saveUserLogin(models, { profile: bob, tokens, key, now: t0 });
    expect(await dueAtOf('u-2')).toEqual(ALWAYS_DUE);
    expect((await readWake(models))?.at).toEqual(ALWAYS_DUE);

    await models.User.updateOne(
      { _id: 'u-2' },
      { $set: { 'scrape.requestedAt': null, 'scrape.nextDueAt': t1, 'scrape.dueAt': t1 } },
    );
    await models.SchedulerState.updateOne({ _id: 'next-due' }, { $set: { at: t1 } });
    expect(await requestScrape(models, 'u-2', t0)).toBe(true);
    expect(await dueAtOf('u-2')).toEqual(ALWAYS_DUE);
    expect((await readWake(models))?.at).toEqual(ALWAYS_DUE);

    await markReauthRequired(models, 'u-2', t1);
    expect(await dueAtOf('u-2')).toBeNull();
  });

  it('after a scrape is its next due time, unless a request came while the writer was read', async () => {
    const models = storeModels(db.connection);
    await saveUserLogin(models, { profile: bob, tokens, key, now: t0 });
    // What a scrape's start and end leave: the request taken, the next scrape planned.
    await models.User.updateOne(
      { _id: 'u-2' },
      { $set: { 'scrape.requestedAt': null, 'scrape.nextDueAt': t1 } },
    );
    const wake = await readWake(models);
    expect(await refreshDueAt(models, 'u-2')).toEqual(t1);
    expect(await dueAtOf('u-2')).toEqual(t1);
    // Later than the writer's due time before: the wake time is still a lower bound.
    expect(await readWake(models)).toEqual(wake);

    // Earlier (the interval was shortened since the stored time was planned): lowered to it.
    const t2 = new Date(t1.getTime() + 3_600_000);
    await models.User.updateOne({ _id: 'u-2' }, { $set: { 'scrape.dueAt': t2 } });
    await models.SchedulerState.updateOne({ _id: 'next-due' }, { $set: { at: t2 } });
    expect(await refreshDueAt(models, 'u-2')).toEqual(t1);
    expect((await readWake(models))?.at).toEqual(t1);

    const read = await models.User.findById('u-2').lean();
    await requestScrape(models, 'u-2', t1);
    expect(await storeDueAt(models, read as never)).toBe(false);
    expect(await dueAtOf('u-2')).toEqual(ALWAYS_DUE);
  });
});
