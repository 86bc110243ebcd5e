import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALWAYS_DUE } from '../due-at.js';
import { ensureStoreIndexes, type StoreModels, storeModels } from '../models.js';
import { findDueWriters } from '../queries/find-due-writers.js';
import { readWake } from '../scheduler-state.js';
import { migrateScrapeDueAt, SCRAPE_DUE_AT_MIGRATION } from './scrape-due-at.js';

const db = useTestDatabase();
let models: StoreModels;
const t0 = new Date('2026-12-01T03:00:00Z');
const later = new Date('2026-12-01T03:30:00Z');
const tokens = { accessToken: {}, refreshToken: {}, updatedAt: t0 };

/** A user document as the layout before `scrape.dueAt` wrote it. */
function oldUser(id: string, fields: Record<string, unknown>, scrape: Record<string, unknown>) {
  return {
    _id: id,
    username: id,
    isDemo: false,
    authStatus: 'active',
    tokens,
    ...fields,
    scrape: { lastStartedAt: t0, nextDueAt: later, requestedAt: null, ...scrape },
    createdAt: t0,
    updatedAt: t0,
  };
}

beforeAll(async () => {
  await ensureStoreIndexes(db.connection);
  models = storeModels(db.connection);
});

async function dueAts(): Promise<Record<string, Date | null | undefined>> {
  const users = await models.User.find().lean();
  return Object.fromEntries(users.map((user) => [user._id, user.scrape?.dueAt]));
}

describe('backfilling scrape.dueAt', () => {
  it('gives each old writer the due time its fields say, once, and wakes the next tick', async () => {
    await models.User.collection.insertMany([
      oldUser('scraped', {}, {}),
      oldUser('asked', {}, { requestedAt: t0 }),
      oldUser('never-scraped', {}, { lastStartedAt: null, nextDueAt: null }),
      oldUser('signed-out', { authStatus: 'reauth-required' }, {}),
      oldUser('demo', { isDemo: true, tokens: null }, { nextDueAt: null }),
      oldUser('no-scrape-yet', {}, {}),
    ] as never[]);
    await models.User.collection.updateOne({ _id: 'no-scrape-yet' } as never, {
      $unset: { scrape: 1 },
    });
    // Between the old layout and the time this migration would run, nothing is due to the tick.
    expect((await findDueWriters(models, later)).due).toEqual([]);

    const report = await migrateScrapeDueAt(db.connection, { now: () => t0 });
    expect(report).toEqual({ id: SCRAPE_DUE_AT_MIGRATION, ran: true, writers: 6 });
    expect(await dueAts()).toEqual({
      scraped: later,
      asked: ALWAYS_DUE,
      'never-scraped': ALWAYS_DUE,
      'signed-out': null,
      demo: null,
      'no-scrape-yet': ALWAYS_DUE,
    });
    expect((await readWake(models))?.at).toEqual(ALWAYS_DUE);
    expect((await findDueWriters(models, later)).due.map((user) => user._id).sort()).toEqual([
      'asked',
      'never-scraped',
      'no-scrape-yet',
      'scraped',
    ]);
    const record = await db.connection.db
      ?.collection('migrations')
      .findOne({ _id: SCRAPE_DUE_AT_MIGRATION as never });
    expect(record).toMatchObject({ startedAt: t0, finishedAt: t0 });

    // Finished: a second start reads the record and writes nothing.
    await models.User.collection.updateOne({ _id: 'scraped' } as never, {
      $unset: { 'scrape.dueAt': 1 },
    });
    expect(await migrateScrapeDueAt(db.connection)).toMatchObject({ ran: false, writers: 0 });
    expect((await dueAts()).scraped).toBeUndefined();
  });

  it('finishes a run that stopped part-way without touching a due time written since', async () => {
    await db.connection.db
      ?.collection('migrations')
      .updateOne({ _id: SCRAPE_DUE_AT_MIGRATION as never }, { $set: { finishedAt: null } });
    // `asked` was scraped after the stopped run had backfilled it; `scraped` still lacks one.
    await models.User.updateOne({ _id: 'asked' }, { $set: { 'scrape.dueAt': later } });
    const report = await migrateScrapeDueAt(db.connection, { now: () => later });
    expect(report).toMatchObject({ ran: true, writers: 1 });
    expect(await dueAts()).toMatchObject({ scraped: later, asked: later });
    const record = await db.connection.db
      ?.collection('migrations')
      .findOne({ _id: SCRAPE_DUE_AT_MIGRATION as never });
    expect(record).toMatchObject({ startedAt: t0, finishedAt: later });
  });
});
