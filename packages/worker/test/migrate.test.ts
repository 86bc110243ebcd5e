import { MIGRATIONS } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { runWorker } from './run-worker.js';
import { tokenKey } from './world.js';

const db = useTestDatabase();

function env(extra: Record<string, string> = {}): Record<string, string> {
  const uri = new URL(db.uri);
  uri.pathname = `/${db.dbName}`;
  return {
    MONGODB_URI: uri.toString(),
    TOKEN_ENCRYPTION_KEY: tokenKey.key.toString('hex'),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

describe('worker migrate', () => {
  it('applies each migration once on a fresh database; a second run applies none', async () => {
    const first = await runWorker(['migrate'], env());
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(MIGRATIONS.length + 1);
    MIGRATIONS.forEach((migration, index) => {
      expect(lines[index]).toMatch(new RegExp(`^${migration.id}: applied \\(`));
    });
    expect(lines.at(-1)).toMatch(/^indexes: in sync \(\d+ created, 0 dropped\)$/);

    const records =
      (await db.connection.db
        ?.collection<{ _id: string; finishedAt: Date }>('migrations')
        .find()
        .toArray()) ?? [];
    expect(records.map((record) => record._id).sort()).toEqual(
      MIGRATIONS.map((migration) => migration.id).sort(),
    );
    for (const record of records) expect(record.finishedAt).toBeInstanceOf(Date);
    const finishedAt = new Map(records.map((record) => [record._id, record.finishedAt]));

    const second = await runWorker(['migrate'], env());
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trimEnd().split('\n')).toEqual([
      ...MIGRATIONS.map(
        (migration) =>
          `${migration.id}: already applied at ${finishedAt.get(migration.id)?.toISOString()}`,
      ),
      'indexes: in sync (0 created, 0 dropped)',
    ]);
  });

  it('exits 2 on bad configuration, and the usage names migrate', async () => {
    const bad = await runWorker(['migrate'], env({ MONGODB_URI: '' }));
    expect(bad.code).toBe(2);
    const usage = await runWorker(['migrate', 'now'], env());
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: worker .*\| worker migrate$/m);
  });

  it('exits 1 when the database cannot be reached', async () => {
    const down = await runWorker(['migrate'], env({ MONGODB_URI: 'mongodb://127.0.0.1:9/x' }));
    expect(down.code).toBe(1);
  }, 30_000);
});
