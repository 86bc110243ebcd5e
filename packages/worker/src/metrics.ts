import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VelogClientEvent } from '@velog-insights/velog';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CycleReport } from './cycle.js';

/** What a running scheduler tells Prometheus: outcomes, velog's answers, leases, liveness. */
export interface WorkerMetrics {
  registry: Registry;
  recordCycle(report: CycleReport): void;
  recordVelogEvent(event: VelogClientEvent): void;
}

export function createWorkerMetrics(options: { collectDefault?: boolean } = {}): WorkerMetrics {
  const registry = new Registry();
  if (options.collectDefault) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const scrapes = new Counter({
    name: 'worker_scrapes_total',
    help: 'Writer scrapes ended, by outcome (ok, partial, failed)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const reauth = new Counter({
    name: 'worker_reauth_required_total',
    help: 'Scrapes that found the stored tokens no longer sign in',
    registers,
  });
  const skipped = new Counter({
    name: 'worker_scrapes_skipped_total',
    help: 'Writers a cycle passed over, by reason (claimed-elsewhere: another worker holds the lease)',
    labelNames: ['reason'] as const,
    registers,
  });
  const takeovers = new Counter({
    name: 'worker_lease_takeovers_total',
    help: 'Leases taken over from a worker that stopped renewing them (killed, or cut off)',
    registers,
  });
  const velogRequests = new Counter({
    name: 'worker_velog_requests_total',
    help: 'Requests to velog, by operation and outcome (ok, or the error kind)',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const breakerOpen = new Gauge({
    name: 'worker_velog_breaker_open',
    help: '1 while the circuit breaker holds every request to velog back',
    registers,
  });
  const cycles = new Histogram({
    name: 'worker_cycle_duration_seconds',
    help: 'Time a cycle took, from the due query to the last writer released',
    buckets: [0.01, 0.1, 1, 5, 15, 60, 300, 900],
    registers,
  });
  const lastCycle = new Gauge({
    name: 'worker_last_cycle_end_seconds',
    help: 'Unix time the last cycle ended: a stale value means the scheduler is stuck or gone',
    registers,
  });
  breakerOpen.set(0);

  return {
    registry,
    recordCycle(report) {
      for (const result of report.reports) {
        scrapes.inc({ outcome: result.outcome });
        if (result.reauthRequired) reauth.inc();
      }
      for (const skip of report.skipped) skipped.inc({ reason: skip.reason });
      takeovers.inc(report.takeovers.length);
      cycles.observe((report.endedAt.getTime() - report.startedAt.getTime()) / 1000);
      lastCycle.set(report.endedAt.getTime() / 1000);
    },
    recordVelogEvent(event) {
      if (event.type === 'request') {
        velogRequests.inc({ operation: event.operation, outcome: event.outcome });
      } else if (event.type === 'breaker-open') {
        breakerOpen.set(1);
      } else if (event.type === 'breaker-closed') {
        breakerOpen.set(0);
      }
    },
  };
}

/** Serves `GET /metrics` on `host:port` (0: any free port); everything else is 404. */
export async function serveMetrics(
  registry: Registry,
  listen: { port: number; host: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${listen.host}:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
