import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration, runMigrations } from './registry.js';

const db = useTestDatabase();
const t0 = new Date('2026-12-02T01:00:00Z');

function counting(id: string, log: string[], fail = false): Migration {
  return {
    id,
    description: `test migration ${id}`,
    run: async () => {
      log.push(id);
      if (fail) throw new Error(`${id} broke`);
      return { things: log.length };
    },
  };
}

describe('the list of migrations', () => {
  it('names each migration once, in the order they were written, with a description', () => {
    const ids = MIGRATIONS.map((migration) => migration.id);
    expect(new Set(ids).size).toBe(ids.length);
    // scrape.dueAt is backfilled on users the months migration has already moved.
    expect(ids).toEqual(['2026-12-stats-months', '2026-12-scrape-due-at']);
    for (const migration of MIGRATIONS) {
      expect(migration.id).toMatch(/^\d{4}-\d{2}-[a-z0-9-]+$/);
      expect(migration.description.length).toBeGreaterThan(10);
    }
  });
});

describe('running migrations', () => {
  it('runs each once, in order, and records when and what', async () => {
    const log: string[] = [];
    const migrations = [counting('9999-01-first', log), counting('9999-02-second', log)];
    const first = await runMigrations(db.connection, { migrations, now: () => t0 });
    expect(first.map((outcome) => [outcome.id, outcome.status, outcome.counts])).toEqual([
      ['9999-01-first', 'applied', { things: 1 }],
      ['9999-02-second', 'applied', { things: 2 }],
    ]);
    expect(log).toEqual(['9999-01-first', '9999-02-second']);
    const record = await db.connection.db
      ?.collection('migrations')
      .findOne({ _id: '9999-01-first' as never });
    expect(record).toEqual({
      _id: '9999-01-first',
      description: 'test migration 9999-01-first',
      startedAt: t0,
      finishedAt: t0,
      counts: { things: 1 },
    });

    const again = await runMigrations(db.connection, { migrations });
    expect(again.map((outcome) => [outcome.status, outcome.finishedAt, outcome.counts])).toEqual([
      ['already-applied', t0, { things: 1 }],
      ['already-applied', t0, { things: 2 }],
    ]);
    expect(log).toHaveLength(2);
  });

  it('stops at a failure, leaves it unrecorded, and runs it again next time', async () => {
    const log: string[] = [];
    const broken = [counting('9999-03-breaks', log, true), counting('9999-04-after', log)];
    await expect(runMigrations(db.connection, { migrations: broken })).rejects.toThrow(
      '9999-03-breaks broke',
    );
    expect(log).toEqual(['9999-03-breaks']);
    const records = db.connection.db?.collection('migrations');
    expect(await records?.findOne({ _id: '9999-03-breaks' as never })).toBeNull();

    const fixed = [counting('9999-03-breaks', log), counting('9999-04-after', log)];
    const outcomes = await runMigrations(db.connection, { migrations: fixed });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'applied']);
    expect(log).toEqual(['9999-03-breaks', '9999-03-breaks', '9999-04-after']);
  });
});
