import { parseArgs } from 'node:util';
import type { TieOrder } from './pagination.js';
import type { ViewsInPosts } from './resolvers.js';
import type { LegacyDayEncoding, StatsMode } from './stats.js';

export interface CliOptions {
  port: number;
  seed: 'demo' | 'none';
  statsMode: StatsMode;
  viewsInPosts: ViewsInPosts;
  tieOrder: TieOrder;
  legacyDayEncoding: LegacyDayEncoding;
  now: Date | undefined;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`--${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}

/** The command line, checked up front so a typo stops the server before it starts. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4100' },
      seed: { type: 'string', default: 'demo' },
      'stats-mode': { type: 'string', default: 'current' },
      'views-in-posts': { type: 'string', default: 'everyone' },
      'tie-order': { type: 'string', default: 'shuffle' },
      'legacy-day-encoding': { type: 'string', default: 'utc-midnight' },
      now: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535; got "${values.port}"`);
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new Error(`--now is not a date: "${values.now}"`);
  }
  return {
    port,
    seed: oneOf('seed', values.seed, ['demo', 'none'] as const),
    statsMode: oneOf('stats-mode', values['stats-mode'], ['current', 'legacy'] as const),
    viewsInPosts: oneOf('views-in-posts', values['views-in-posts'], [
      'never',
      'owner',
      'everyone',
    ] as const),
    tieOrder: oneOf('tie-order', values['tie-order'], ['shuffle', 'id'] as const),
    legacyDayEncoding: oneOf('legacy-day-encoding', values['legacy-day-encoding'], [
      'utc-midnight',
      'kst-midnight-as-utc',
    ] as const),
    now,
  };
}
