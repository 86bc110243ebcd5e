import { loadavg } from 'node:os';
import { startDemoServer } from './demo-server.js';
import { type LoadResult, loadTest } from './load.js';
import type { Machine } from './machine.js';

/** Ten writers' browsers at once, each asking again as soon as it is answered. */
export const LOAD = { connections: 10, seconds: 30 } as const;
export const LOAD_TARGET_P99_MS = 500;

/** The three reads of the dashboard's first view, in their default 30-day range. */
export const LOAD_ROUTES = [
  { name: 'summary', path: '/api/summary' },
  { name: 'daily', path: '/api/stats/daily' },
  { name: 'posts', path: '/api/posts?sort=periodViews' },
] as const;

export interface RouteLoad extends LoadResult {
  name: string;
  path: string;
}

export interface LoadBench {
  database: string;
  /** The machine's 1-minute load average as the load began: how shared the cores were. */
  loadAverage: number;
  routes: RouteLoad[];
}

/**
 * Each of LOAD_ROUTES under LOAD, one after another, with one demo session, against a real
 * server on a socket (the production `runApi`), on `databaseUri` or a database of its own.
 */
export async function benchLoad(options: {
  log: (line: string) => void;
  databaseUri?: string;
}): Promise<LoadBench> {
  const server = await startDemoServer({
    log: options.log,
    ...(options.databaseUri === undefined ? {} : { databaseUri: options.databaseUri }),
  });
  try {
    const cookie = await server.signIn();
    const loadAverage = loadavg()[0] ?? 0;
    const routes: RouteLoad[] = [];
    for (const route of LOAD_ROUTES) {
      options.log(`${LOAD.connections} connections × ${LOAD.seconds} s on ${route.path}…`);
      const result = await loadTest(`${server.url}${route.path}`, { cookie }, LOAD);
      routes.push({ ...route, ...result });
    }
    return { database: server.database, loadAverage, routes };
  } finally {
    await server.stop();
  }
}

/** The failures that make the load step fail: any error, on any route. */
export function loadFailures(load: LoadBench): string[] {
  return load.routes
    .filter((route) => route.errors > 0)
    .map((route) => `${route.path}: ${route.errors} of ${route.requests} requests failed`);
}

export const LOAD_HEADING = '## API: under load';

const int = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * The section of docs/benchmarks.md for the load test. It names its own date and machine, since
 * `npm run load -- --write` replaces it alone, without the rest of the bench.
 */
export function renderLoadSection(
  load: LoadBench,
  run: { date: string; machine: Machine },
): string[] {
  const { machine } = run;
  const missed = load.routes.filter((route) => route.p99 > LOAD_TARGET_P99_MS);
  const errors = load.routes.reduce((sum, route) => sum + route.errors, 0);
  return [
    LOAD_HEADING,
    '',
    `${run.date}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; ${load.database};`,
    `load average ${load.loadAverage.toFixed(1)} as it began (the cores are shared with whatever else runs).`,
    '',
    `The demo writer with one demo session: ${LOAD.connections} connections × ${LOAD.seconds} s on each route in turn, each`,
    'connection sending its next request as soon as the last is answered, against the server',
    '`npm run start:api` runs (`runApi`) on a loopback socket. The clients share the process and the',
    "machine's cores with the server, so the figures are a floor on what a dedicated server does.",
    'Any answer other than 2xx counts as an error.',
    '',
    '| route | requests | errors | requests/s | p50 | p99 |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...load.routes.map(
      (route) =>
        `| ${route.name} \`${route.path}\` | ${int(route.requests)} | **${route.errors}** | ${route.requestsPerSecond.toFixed(0)} | ${int(route.median)} ms | **${int(route.p99)} ms** |`,
    ),
    '',
    errors === 0 && missed.length === 0
      ? `Target: 0 errors and p99 ≤ ${LOAD_TARGET_P99_MS} ms; met on every route.`
      : `Target: 0 errors and p99 ≤ ${LOAD_TARGET_P99_MS} ms; missed on ${[
          ...new Set([...load.routes.filter((route) => route.errors > 0), ...missed]),
        ]
          .map((route) => `\`${route.path}\``)
          .join(', ')}.`,
    '',
    '`npm run load` repeats this measurement on its own and fails on any error; with `-- --write`',
    'it also puts its figures here.',
  ];
}

/** `document` with its load section replaced by `section`, or with `section` added at the end. */
export function replaceLoadSection(document: string, section: string[]): string {
  const text = section.join('\n');
  const start = document.indexOf(`\n${LOAD_HEADING}\n`);
  if (start === -1) return `${document.trimEnd()}\n\n${text}\n`;
  const next = document.indexOf('\n## ', start + 1);
  const tail = next === -1 ? '' : document.slice(next);
  return `${document.slice(0, start + 1)}${text}\n${tail}`;
}
