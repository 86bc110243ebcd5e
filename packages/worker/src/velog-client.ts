import {
  createVelogClient,
  type VelogClient,
  type VelogClientConfig,
  type VelogClientEvent,
} from '@velog-insights/velog';
import type { Logger } from './logger.js';
import type { WorkerMetrics } from './metrics.js';

/**
 * What the operator must hear about velog as a whole, once per event rather than per request:
 * our query no longer matching velog's schema (a bug to report, not an outage), and the breaker
 * pausing every request while velog is failing.
 */
export function logVelogEvent(logger: Logger, event: VelogClientEvent): void {
  // Each request is counted (metrics.ts), not logged.
  if (event.type === 'request') return;
  if (event.type === 'schema-mismatch') {
    logger.error(
      { operation: event.operation, code: 'velog-schema-mismatch' },
      `velog's answer to ${event.operation} no longer matches our query: velog changed; please report`,
    );
  } else if (event.type === 'breaker-open') {
    logger.warn(
      {
        retryAt: event.retryAt,
        failureRate: Number(event.failureRate.toFixed(2)),
        backoffMs: event.backoffMs,
      },
      'velog is failing: requests paused until retryAt',
    );
  } else {
    logger.info('velog answers again: requests resumed');
  }
}

/** The worker's one velog client, its events in the worker's log (and its metrics, if kept). */
export function createWorkerVelogClient(
  config: VelogClientConfig,
  logger: Logger,
  metrics?: Pick<WorkerMetrics, 'recordVelogEvent'>,
): VelogClient {
  return createVelogClient({
    ...config,
    onEvent: (event) => {
      metrics?.recordVelogEvent(event);
      logVelogEvent(logger, event);
    },
  });
}
