import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALWAYS_DUE } from './due-at.js';
import { ensureStoreIndexes, type StoreModels, storeModels } from './models.js';
import { markDueBy, readWake, recomputeWake } from './scheduler-state.js';
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

  it('is raised to the earliest due time, or to the cap when that is sooner or nobody is due', async () => {
    await markDueBy(models, ALWAYS_DUE);
    expect(await recomputeWake(models, { notAfter: cap })).toEqual({ at: cap, stored: true });
    await writer('w-late', minutes(90));
    await writer('w-never', null);
    expect((await recomputeWake(models, { notAfter: cap })).at).toEqual(cap);
    await writer('w-soon', minutes(20));
    await writer('w-sooner', minutes(10));
    expect(await recomputeWake(models, { notAfter: cap })).toEqual({
      at: minutes(10),
      stored: true,
    });
    expect(await readWake(models)).toMatchObject({ at: minutes(10) });
  });

  it('keeps a lowering that lands between the recompute’s query and its write', async () => {
    await writer('w-1', minutes(120));
    await markDueBy(models, t0);
    const raced = await recomputeWake(models, {
      notAfter: cap,
      // The API asks for w-1 after the recompute read its due time of two hours from now.
      beforeWrite: async () => {
        await requestScrape(models, 'w-1', minutes(1));
      },
    });
    expect(raced).toEqual({ at: cap, stored: false });
    expect((await readWake(models))?.at).toEqual(ALWAYS_DUE);
    // The next recompute sees the request itself.
    expect(await recomputeWake(models, { notAfter: cap })).toEqual({
      at: ALWAYS_DUE,
      stored: true,
    });
  });

  it('keeps a first lowering that creates the document while a recompute runs', async () => {
    await writer('w-1', minutes(120));
    const raced = await recomputeWake(models, {
      notAfter: cap,
      beforeWrite: () => markDueBy(models, minutes(3)),
    });
    expect(raced.stored).toBe(false);
    expect(await readWake(models)).toMatchObject({ at: minutes(3), version: 1 });
  });
});
