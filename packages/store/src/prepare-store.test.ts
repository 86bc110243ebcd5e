import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/registry.js';
import { storeModels } from './models.js';
import { prepareStore } from './prepare-store.js';

const db = useTestDatabase();

async function indexNames(collection: string): Promise<string[]> {
  const indexes = await db.connection.db?.collection(collection).listIndexes().toArray();
  return (indexes ?? []).map((index) => index.name as string).sort();
}

describe('preparing a database at start-up', () => {
  it('applies every migration once, records it, and creates the indexes', async () => {
    const first = await prepareStore(db.connection);
    expect(first.migrations.map((outcome) => [outcome.id, outcome.status])).toEqual(
      MIGRATIONS.map((migration) => [migration.id, 'applied']),
    );
    const records = await db.connection.db?.collection('migrations').find().toArray();
    expect(records?.map((record) => record._id).sort()).toEqual(
      MIGRATIONS.map((migration) => migration.id).sort(),
    );
    for (const record of records ?? []) {
      expect(record.finishedAt).toBeInstanceOf(Date);
      expect(record.startedAt).toBeInstanceOf(Date);
      expect(record.description).toEqual(expect.any(String));
      expect(record.counts).toEqual(expect.any(Object));
    }
    expect(first.indexes.created).toEqual(
      expect.arrayContaining(['users.username_1', 'users.scrape.dueAt_1']),
    );
    expect(await indexNames('users')).toEqual(['_id_', 'scrape.dueAt_1', 'username_1']);

    const second = await prepareStore(db.connection);
    expect(second.migrations.map((outcome) => outcome.status)).toEqual(
      MIGRATIONS.map(() => 'already-applied'),
    );
    expect(second.indexes).toEqual({ created: [], dropped: [] });
  });

  it('drops an index no schema declares any more and recreates a missing one', async () => {
    const { User, ScrapeRun } = storeModels(db.connection);
    await User.collection.createIndex({ lastLoginAt: 1 }, { name: 'lastLoginAt_1' });
    await ScrapeRun.collection.dropIndex('userId_1_startedAt_-1');

    const prepared = await prepareStore(db.connection);
    expect(prepared.indexes).toEqual({
      created: ['scrape_runs.userId_1_startedAt_-1'],
      dropped: ['users.lastLoginAt_1'],
    });
    expect(await indexNames('users')).toEqual(['_id_', 'scrape.dueAt_1', 'username_1']);
  });
});
