import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { createLogger } from '../src/logger.js';
import { createWorkerMetrics, serveMetrics } from '../src/metrics.js';
import { createWorkerVelogClient } from '../src/velog-client.js';
import { addWriter, captureLogs, useWorld } from './world.js';

const db = useTestDatabase();
const world = useWorld(db);

describe('worker metrics', () => {
  it('count scrape outcomes, velog requests by operation and outcome, and lease takeovers, served at /metrics', async () => {
    const metrics = createWorkerMetrics();
    const { stream } = captureLogs();
    const client = createWorkerVelogClient(
      world.client.config,
      createLogger({ level: 'silent', destination: stream }),
      metrics,
    );
    const writer = await addWriter(world, { username: 'counted', posts: 3 });
    // A worker killed mid-scrape left its lease behind; it has run out.
    await world.models.ScrapeClaim.create({
      _id: writer.userId,
      workerId: 'killed',
      runId: 'gone',
      claimedAt: new Date(world.fake.now().getTime() - 10 * 60_000),
      expiresAt: new Date(world.fake.now().getTime() - 60_000),
    });
    // The first listing request fails once; the retry answers.
    world.fake.injectFault({ operation: 'posts', kind: 'http-error', status: 503, times: 1 });
    const served = await serveMetrics(metrics.registry, { port: 0, host: '127.0.0.1' });
    try {
      const report = await runCycle(world.context({ client }), { username: 'counted' });
      metrics.recordCycle(report);
      const response = await fetch(served.url);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('worker_scrapes_total{outcome="ok"} 1');
      expect(text).toContain('worker_lease_takeovers_total 1');
      expect(text).toContain('worker_velog_requests_total{operation="currentUser",outcome="ok"} 1');
      expect(text).toContain(
        'worker_velog_requests_total{operation="velogPosts",outcome="transient"} 1',
      );
      expect(text).toContain('worker_velog_requests_total{operation="velogPosts",outcome="ok"} 1');
      expect(text).toMatch(/^worker_last_cycle_end_seconds \d+/m);
      expect((await fetch(new URL('/other', served.url))).status).toBe(404);
    } finally {
      world.fake.clearFaults();
      await served.close();
      await client.close();
    }
  });
});
