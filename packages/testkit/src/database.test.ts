import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './database.js';

const db = useTestDatabase();

// These tests prove the harness hands out a real server, not a stand-in: a unique index is
// enforced by the server itself, and each file's database is its own.
describe('the test database', () => {
  it('is a real server that enforces a unique index with error 11000', async () => {
    const things = db.connection.collection('things');
    await things.createIndex({ slug: 1 }, { unique: true });
    await things.insertOne({ _id: 'a' as never, slug: 'hello' });
    const second = await things
      .insertOne({ _id: 'b' as never, slug: 'hello' })
      .catch((error: unknown) => error);
    expect((second as { code?: number }).code).toBe(11000);
    expect(await things.countDocuments()).toBe(1);
  });

  it('is this file’s own database and answers ping', async () => {
    expect(db.connection.name).toBe(db.dbName);
    expect(db.dbName).toMatch(/^t_[0-9a-f]{12}$/);
    const ping = await db.connection.db?.admin().ping();
    expect(ping?.ok).toBe(1);
    console.log(`[testkit] this file used ${db.kind} database ${db.dbName}`);
  });
});
