import type { VelogClientEvent } from '@velog-insights/velog';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  logins: Counter<'kind' | 'outcome'>;
  /** Sign-ins that failed because of velog, by the kind of velog error. */
  loginVelogErrors: Counter<'kind'>;
  scrapeRequests: Counter<'outcome'>;
  /** For the velog client's `onEvent`: counts each request to velog by operation and outcome. */
  countVelogEvent(event: VelogClientEvent): void;
  middleware: MiddlewareHandler;
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The label for requests no route of ours answered: unknown paths and methods, page files. */
export const OTHER_ROUTE = 'other';

const isPattern = (path: string): boolean => path !== '' && !path.includes('*');

/**
 * The route pattern a request is counted under: that of the handler that answered, or, when a
 * catch-all middleware did (a cross-site rejection, a body too large), that of the route the
 * request was for. Patterns, never raw paths, so the label's values are bounded by our routes.
 * (The last matched handler is no guide: the dashboard's `*` matches every GET after the API.)
 */
export function routeLabel(c: Context): string {
  // After `next()`, routeIndex is the last handler that ran: the one that answered.
  const answered = routePath(c);
  if (isPattern(answered)) return answered;
  return matchedRoutes(c).find((route) => isPattern(route.path))?.path ?? OTHER_ROUTE;
}

/** One registry per app, so two apps in one test process never share counters. */
export function createMetrics(options: { collectDefault: boolean }): ApiMetrics {
  const registry = new Registry();
  if (options.collectDefault) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const logins = new Counter({
    name: 'api_logins_total',
    help: 'Sign-in attempts, by kind (token, demo) and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const loginVelogErrors = new Counter({
    name: 'api_login_velog_errors_total',
    help: 'Token sign-ins that failed because of velog, by velog error kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const velogRequests = new Counter({
    name: 'api_velog_requests_total',
    help: 'Requests to velog (retries included), by operation and outcome (ok or the error kind)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const scrapeRequests = new Counter({
    name: 'api_scrape_requests_total',
    help: 'Immediate scrapes asked of the worker, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });

  const middleware: MiddlewareHandler = async (c, next) => {
    // Durations are measured, never asserted: the host clock is fine here.
    const started = performance.now();
    await next();
    const route = routeLabel(c);
    // Any token is a method to HTTP: a fuzzer's inventions share one label.
    const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    requests.inc({ method, route, status: String(c.res.status) });
    duration.observe({ method, route }, (performance.now() - started) / 1000);
  };

  const countVelogEvent = (event: VelogClientEvent): void => {
    if (event.type !== 'request') return;
    velogRequests.inc({ operation: event.operation, outcome: event.outcome });
  };

  return { registry, logins, loginVelogErrors, scrapeRequests, countVelogEvent, middleware };
}
