import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  logins: Counter<'kind' | 'outcome'>;
  scrapeRequests: Counter<'outcome'>;
  middleware: MiddlewareHandler;
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
    // The matched pattern, not the raw path, keeps label cardinality bounded.
    const pattern = routePath(c, -1);
    const route = pattern === '' || pattern.includes('*') ? 'other' : pattern;
    const method = c.req.method;
    requests.inc({ method, route, status: String(c.res.status) });
    duration.observe({ method, route }, (performance.now() - started) / 1000);
  };

  return { registry, logins, scrapeRequests, middleware };
}
