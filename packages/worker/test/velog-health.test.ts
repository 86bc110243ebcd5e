import { readStatsMonth } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { createVelogClient, type VelogClientEvent } from '@velog-insights/velog';
import { describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { createLogger } from '../src/logger.js';
import { logVelogEvent } from '../src/velog-client.js';
import { addWriter, captureLogs, useWorld } from './world.js';

const db = useTestDatabase();
const world = useWorld(db);

describe('a query velog no longer accepts (velog-api.md §4)', () => {
  it('fails the scrape as velog-schema-mismatch at once, unretried, and keeps what is stored', async () => {
    const writer = await addWriter(world, { username: 'drift', posts: 12 });
    await runCycle(world.context(), { username: 'drift' });
    const before = await readStatsMonth(world.models, writer.userId, '2026-11');

    world.fake.advance(60_000);
    world.fake.injectFault({ operation: 'posts', kind: 'schema-drift' });
    world.fake.resetJournal();
    try {
      const cycle = await runCycle(world.context(), { username: 'drift', force: true });
      expect(cycle.reports[0]).toMatchObject({ outcome: 'failed', reauthRequired: false });
      expect(cycle.reports[0]?.errors[0]).toMatchObject({ code: 'velog-schema-mismatch' });
      expect(cycle.reports[0]?.errors[0]?.message).toMatch(/velogPosts/);
    } finally {
      world.fake.clearFaults();
    }
    expect(world.fake.journal().filter((entry) => entry.operation === 'posts')).toHaveLength(1);
    expect(await readStatsMonth(world.models, writer.userId, '2026-11')).toEqual(before);
    const user = await world.models.User.findById(writer.userId).lean();
    expect(user).toMatchObject({ authStatus: 'active', scrape: { lastOutcome: 'failed' } });
  });
});

describe('the circuit breaker, when velog fails most requests', () => {
  it('pauses every request until its backoff has passed, then resumes and finishes the cycle', async () => {
    await addWriter(world, { username: 'storm-a', posts: 4 });
    await addWriter(world, { username: 'storm-b', posts: 4 });
    // The breaker's clock is virtual: waiting for it moves it, nothing really sleeps.
    let clock = Date.parse('2026-11-22T03:00:00Z');
    const waits: number[] = [];
    const events: VelogClientEvent[] = [];
    const { lines, stream } = captureLogs();
    const logger = createLogger({ level: 'info', destination: stream });
    const client = createVelogClient({
      ...world.client.config,
      breaker: { windowMs: 60_000, minRequests: 4, threshold: 0.5, minBackoffMs: 30_000 },
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      onEvent: (event) => {
        if (event.type !== 'request') events.push(event);
        logVelogEvent(logger, event);
      },
    });
    // Every currentUser fails for a while (more than the retries), then velog recovers.
    world.fake.injectFault({ operation: 'currentUser', kind: 'http-error', status: 503, times: 6 });
    try {
      const cycle = await runCycle(world.context({ client, userConcurrency: 2 }), {
        force: true,
      });
      const storm = cycle.reports.filter((report) => report.username.startsWith('storm'));
      expect(storm).toHaveLength(2);
      expect(events.map((event) => event.type)).toContain('breaker-open');
      expect(events.at(-1)).toEqual({ type: 'breaker-closed' });
      expect(waits.some((ms) => ms >= 30_000)).toBe(true);
      expect(client.breaker.state).toBe('closed');
      expect(lines.some((line) => line.includes('velog is failing: requests paused'))).toBe(true);
    } finally {
      world.fake.clearFaults();
      await client.close();
    }
  });
});
