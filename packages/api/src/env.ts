import { fileURLToPath } from 'node:url';
import { AppError } from '@velog-insights/shared';
import {
  describeEnvProblems,
  envVar,
  flag,
  positiveInt,
  sharedEnvShape,
} from '@velog-insights/store';
import { z } from 'zod';

const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/**
 * The API's configuration, parsed once at start-up: the variables it shares with the worker
 * (declared once, in the store), then its own.
 */
export const ApiEnv = z.object({
  ...sharedEnvShape,
  PORT: envVar(z.coerce.number().int().min(0).max(65_535).default(3000), {
    description: 'The port the API and the dashboard listen on.',
    invalid: 'http',
  }),
  HOST: envVar(z.string().min(1).default('127.0.0.1'), {
    description: 'The address to listen on: loopback unless the operator opens it up.',
    invalid: '',
  }),
  DASHBOARD_DIR: envVar(z.string().min(1).default(DEFAULT_DASHBOARD_DIR), {
    description: 'The built dashboard (`npm run build`) the API serves.',
    defaultText: 'packages/dashboard/dist',
    invalid: '',
  }),
  SESSION_TTL_DAYS: envVar(positiveInt.max(365).default(30), {
    description: 'How long a sign-in session lasts, in days (at most 365).',
    invalid: '400',
  }),
  // Visitors try the demo and leave: its sessions are short, so few pile up to be swept.
  DEMO_SESSION_TTL_MINUTES: envVar(positiveInt.max(7 * 24 * 60).default(120), {
    description: 'How long a demo session lasts, in minutes (at most a week).',
    invalid: '0',
  }),
  COOKIE_SECURE: envVar(z.enum(['auto', 'always', 'never']).default('auto'), {
    description:
      'The session cookie’s Secure attribute. `auto`: when the request arrived over https (directly or, with `TRUST_PROXY`, via a proxy).',
    invalid: 'sometimes',
  }),
  TRUST_PROXY: envVar(flag.default(false), {
    description:
      'Behind a reverse proxy: read the client address and scheme from X-Forwarded-* headers (`true`/`1`/`yes`, `false`/`0`/`no`).',
    invalid: 'maybe',
  }),
  PUBLIC_ORIGIN: envVar(
    z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
      )
      .pipe(z.array(z.url())),
    {
      description:
        'Comma-separated origins the page is served from when they differ from the request URL; they may send state-changing requests.',
      invalid: 'insights.example',
    },
  ),
  LOGIN_RATE_LIMIT_MAX: envVar(positiveInt.default(10), {
    description: 'Token sign-ins per client address per `LOGIN_RATE_LIMIT_WINDOW_SECONDS`.',
    invalid: '0',
  }),
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: envVar(positiveInt.default(900), {
    description: 'The window of `LOGIN_RATE_LIMIT_MAX`, in seconds.',
    invalid: '0',
  }),
  // Each demo sign-in writes a session, so they have a limit of their own.
  DEMO_LOGIN_RATE_LIMIT_MAX: envVar(positiveInt.default(20), {
    description:
      'Demo sign-ins per client address per `DEMO_LOGIN_RATE_LIMIT_WINDOW_SECONDS`, apart from token sign-ins.',
    invalid: '0',
  }),
  DEMO_LOGIN_RATE_LIMIT_WINDOW_SECONDS: envVar(positiveInt.default(900), {
    description: 'The window of `DEMO_LOGIN_RATE_LIMIT_MAX`, in seconds.',
    invalid: '0',
  }),
  REFRESH_MIN_INTERVAL_SECONDS: envVar(positiveInt.default(120), {
    description: 'The least time between two refreshes a writer asks for, in seconds.',
    invalid: '0',
  }),
});
export type ApiEnv = z.infer<typeof ApiEnv>;

/** Parses the environment or throws one error naming every bad variable. */
export function loadApiEnv(env: Record<string, string | undefined>): ApiEnv {
  const result = ApiEnv.safeParse(env);
  if (result.success) return result.data;
  const problems = describeEnvProblems(result.error);
  throw new AppError('invalid-config', `invalid configuration: ${problems.join('; ')}`, {
    status: 500,
    details: { problems },
  });
}
