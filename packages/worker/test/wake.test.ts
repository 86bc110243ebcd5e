import { readWake, requestScrape, type StoreModels, storeModels } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import {
  addWriter,
  hookedClient,
  openMonitoredConnection,
  startWorld,
  type World,
} from './world.js';

const db = useTestDatabase();
let world: World;
let monitored: Connection;
let models: StoreModels;
/** Every command the worker's connection sends, as `<command> <collection>`. */
const commands: string[] = [];

beforeAll(async () => {
  world = await startWorld(db.connection);
  ({ connection: monitored } = await openMonitoredConnection(db.uri, db.dbName));
  models = storeModels(monitored);
  // Compiling a model may create its indexes in the background: let that finish uncounted.
  await Promise.all(Object.values(models).map((model) => model.init()));
  monitored.getClient().on('commandStarted', (event) => {
    commands.push(`${event.commandName} ${String(event.command[event.commandName])}`);
  });
});

afterAll(async () => {
  await monitored.close();
  await world.close();
});

/** An ordinary tick on the monitored connection, with the commands it sent. */
async function tick(): Promise<{ scraped: string[]; commands: string[] }> {
  commands.length = 0;
  const cycle = await runCycle(world.context({ models }));
  return {
    scraped: cycle.reports.map((report) => report.username).sort(),
    commands: [...commands],
  };
}

const minutes = (n: number) => world.fake.advance(n * 60_000);

describe('the tick’s wake-up time', () => {
  it('lets a tick with nobody due read one document, and wakes when the first writer is due', async () => {
    await addWriter(world, { username: 'alice', posts: 2 });
    await addWriter(world, { username: 'bob', posts: 2 });
    const scrapedAt = world.fake.now().getTime();
    expect((await tick()).scraped).toEqual(['alice', 'bob']);
    // Both are next due in 30 minutes (the world's interval), past the 15 a tick trusts the wake.
    expect((await readWake(models))?.at).toEqual(new Date(scrapedAt + 15 * 60_000));

    minutes(1);
    expect(await tick()).toEqual({ scraped: [], commands: ['find scheduler_state'] });
    minutes(14);
    expect(await tick()).toEqual({
      scraped: [],
      commands: ['find scheduler_state', 'find users', 'update scheduler_state'],
    });
    expect((await readWake(models))?.at).toEqual(new Date(scrapedAt + 30 * 60_000));
    minutes(1);
    expect(await tick()).toEqual({ scraped: [], commands: ['find scheduler_state'] });
    minutes(14);
    expect((await tick()).scraped).toEqual(['alice', 'bob']);
  });

  it('wakes the next tick for a refresh request or a login, and for nobody else', async () => {
    minutes(1);
    expect((await tick()).commands).toEqual(['find scheduler_state']);
    const bob = await world.models.User.findOne({ username: 'bob' }).lean();
    await requestScrape(world.models, bob?._id ?? '', world.fake.now());
    expect((await tick()).scraped).toEqual(['bob']);
    expect((await tick()).commands).toEqual(['find scheduler_state']);

    await addWriter(world, { username: 'carol', posts: 1 });
    expect((await tick()).scraped).toEqual(['carol']);
    expect((await tick()).commands).toEqual(['find scheduler_state']);
  });

  it('keeps a refresh request made while the tick scrapes someone else', async () => {
    minutes(1);
    const [alice, bob] = await world.models.User.find({ username: { $in: ['alice', 'bob'] } })
      .sort({ username: 1 })
      .lean();
    await requestScrape(world.models, alice?._id ?? '', world.fake.now());
    let asked = false;
    // Bob presses "Refresh" after the tick read who is due, before it stores its wake time.
    const client = hookedClient(world.client, {
      afterStats: async () => {
        if (asked) return;
        asked = true;
        await requestScrape(world.models, bob?._id ?? '', world.fake.now());
      },
    });
    const during = await runCycle(world.context({ models, client }));
    expect(during.reports.map((report) => report.username)).toEqual(['alice']);
    expect(asked).toBe(true);
    expect((await tick()).scraped).toEqual(['bob']);
    expect((await tick()).commands).toEqual(['find scheduler_state']);
  });

  it('stays awake for a writer another worker holds, until its claim is gone', async () => {
    minutes(31);
    const alice = await world.models.User.findOne({ username: 'alice' }).lean();
    const now = world.fake.now();
    await world.models.ScrapeClaim.create({
      _id: alice?._id,
      workerId: 'elsewhere',
      runId: 'r-1',
      claimedAt: now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    });
    expect((await tick()).scraped).toEqual(['bob', 'carol']);
    minutes(1);
    const held = await tick();
    expect(held.scraped).toEqual([]);
    expect(held.commands).toContain('find users');

    await world.models.ScrapeClaim.deleteOne({ _id: alice?._id });
    expect((await tick()).scraped).toEqual(['alice']);
    expect((await tick()).commands).toEqual(['find scheduler_state']);
  });

  it('takes a writer out of the due query once the tick finds it may not be scraped', async () => {
    minutes(31);
    // Set by a path that does not know about due times: the tick must still let the writer go.
    await world.models.User.updateOne(
      { username: 'carol' },
      { $set: { authStatus: 'reauth-required' } },
    );
    expect((await tick()).scraped).toEqual(['alice', 'bob']);
    const carol = await world.models.User.findOne({ username: 'carol' }).lean();
    expect(carol?.scrape.dueAt).toBeNull();
  });
});
