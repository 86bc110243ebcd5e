import { ALWAYS_DUE, requestScrape } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, hookedClient, useWorld } from './world.js';

const db = useTestDatabase();
const world = useWorld(db);

const requestedAt = async (userId: string) =>
  (await world.models.User.findById(userId).lean())?.scrape.requestedAt ?? null;

describe('a writer’s refresh request', () => {
  it('is answered by the run that found it, and one made during that run waits for the next', async () => {
    const writer = await addWriter(world, { username: 'eager', posts: 3 });
    await runCycle(world.context(), { username: 'eager' });
    expect(await requestedAt(writer.userId)).toBeNull();

    world.fake.advance(60_000);
    await requestScrape(world.models, writer.userId, world.fake.now());
    const later = new Date(world.fake.now().getTime() + 1_000);
    // The writer presses "Refresh" again while the requested run is listing their posts.
    const client = hookedClient(world.client, {
      beforePage: () => void requestScrape(world.models, writer.userId, later),
    });
    const during = await runCycle(world.context({ client }), { username: 'eager' });
    expect(during.reports[0]?.outcome).toBe('ok');
    expect(await requestedAt(writer.userId)).toEqual(later);
    // Its due time stays the request's (due at once), not the run's next cadence.
    const user = await world.models.User.findById(writer.userId).lean();
    expect(user?.scrape.dueAt).toEqual(ALWAYS_DUE);

    // Not due by its cadence, but requested: the next tick scrapes it, and answers it.
    const next = await runCycle(world.context(), { username: 'eager' });
    expect(next.reports).toHaveLength(1);
    expect(await requestedAt(writer.userId)).toBeNull();
  });
});
