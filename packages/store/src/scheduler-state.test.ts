import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALWAYS_DUE } from './due-at.js';
import { ensureStoreIndexes, type StoreModels, storeModels } from './models.js';
import { findDueWriters } from './queries/find-due-writers.js';
import { markDueBy, readWake, storeWake } from './scheduler-state.js';
import { requestScrape } from './users.js';

const db = useTestDatabase();
let models: StoreModels;
const t0 = new Date('2026-12-01T03:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const cap = minutes(60);

/** An active writer whose stored due time is `dueAt` (tokens are only checked to exist). */
async function writer(id: string, dueAt: Date | null): Promise<void> {
  await models.User.collection.insertOne({
    _id: id,
    username: id,
    isDemo: false,
    authStatus: 'active',
    tokens: { updatedAt: t0 },
    scrape: { nextDueAt: dueAt, requestedAt: null, dueAt },
    createdAt: t0,
    updatedAt: t0,
  } as never);
}

beforeAll(async () => {
  await ensureStoreIndexes(db.connection);
  models = storeModels(db.connection);
});

beforeEach(async () => {
  await models.User.deleteMany({});
  await models.SchedulerState.deleteMany({});
});

describe('the wake document', () => {
  it('is absent at first, and each lowering keeps the earlier time and counts a write', async () => {
    expect(await readWake(models)).toBeNull();
    await markDueBy(models, minutes(30));
    expect(await readWake(models)).toEqual({ _id: 'next-due', at: minutes(30), version: 1 });
    await markDueBy(models, minutes(45));
    expect(await readWake(models)).toMatchObject({ at: minutes(30), version: 2 });
    await markDueBy(models, minutes(5));
    expect(await readWake(models)).toMatchObject({ at: minutes(5), version: 3 });
  });

  it('is raised only if nobody wrote it since it was read', async () => {
    await markDueBy(models, ALWAYS_DUE);
    const read = await readWake(models);
    expect(await storeWake(models, read, minutes(10))).toBe(true);
    expect(await readWake(models)).toMatchObject({ at: minutes(10), version: 2 });
    // Nothing to change: no write, so nothing another writer did can be lost.
    expect(await storeWake(models, await readWake(models), minutes(10))).toBe(true);
    expect(await readWake(models)).toMatchObject({ at: minutes(10), version: 2 });
    // A stale read loses even when its time is the same as a write it did not see.
    expect(await storeWake(models, read, minutes(30))).toBe(false);
    expect(await readWake(models)).toMatchObject({ at: minutes(10), version: 2 });
  });

  it('keeps a lowering that lands between a tick’s read and its write', async () => {
    await writer('w-1', minutes(120));
    await markDueBy(models, t0);
    const read = await readWake(models);
    // The tick saw w-1 due in two hours; the API asks for w-1 before the tick writes.
    await requestScrape(models, 'w-1', minutes(1));
    expect(await storeWake(models, read, cap)).toBe(false);
    expect((await readWake(models))?.at).toEqual(ALWAYS_DUE);
  });

  it('keeps a first lowering that creates the document while a tick runs', async () => {
    const read = await readWake(models);
    await markDueBy(models, minutes(3));
    expect(await storeWake(models, read, cap)).toBe(false);
    expect(await readWake(models)).toMatchObject({ at: minutes(3), version: 1 });
  });
});

describe('the due query', () => {
  it('returns the due writers without their tokens, and the earliest due time after now', async () => {
    await writer('w-asked', ALWAYS_DUE);
    await writer('w-now', t0);
    await writer('w-late', minutes(20));
    await writer('w-soon', minutes(5));
    await writer('w-never', null);
    await writer('w-overdue', minutes(-10));
    await models.User.collection.insertOne({ _id: 'w-old', username: 'w-old' } as never);
    const found = await findDueWriters(models, t0);
    expect(found.due.map((user) => user._id)).toEqual(['w-asked', 'w-overdue', 'w-now']);
    expect(found.laterDueAt).toEqual(minutes(5));
    expect(found.due[0]).toMatchObject({ username: 'w-asked', tokens: { updatedAt: t0 } });
    expect(await findDueWriters(models, minutes(30))).toMatchObject({ laterDueAt: null });
  });
});
