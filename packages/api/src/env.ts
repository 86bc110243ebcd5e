import { fileURLToPath } from 'node:url';
import { AppError } from '@velog-insights/shared';
import { parseTokenKey, type TokenKey } from '@velog-insights/store';
import { z } from 'zod';

const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();

/**
 * The API's configuration, parsed once at start-up. Names shared with the worker mean the same
 * thing in both (MONGODB_URI, VELOG_V3_URL, VELOG_STATS_URL, TOKEN_ENCRYPTION_KEY,
 * TOKEN_ENCRYPTION_OLD_KEYS, LOG_LEVEL).
 */
export const ApiEnv = z.object({
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URI'),
  VELOG_V3_URL: z.url().default('https://v3.velog.io/graphql'),
  VELOG_STATS_URL: z.url().default('https://v2.velog.io/graphql'),
  VELOG_TIMEOUT_MS: positiveInt.default(10_000),
  TOKEN_ENCRYPTION_KEY: z.string().transform((value, context): TokenKey => {
    try {
      return parseTokenKey(value);
    } catch (error) {
      context.addIssue({
        code: 'custom',
        message: error instanceof Error ? error.message : 'invalid key',
      });
      return z.NEVER;
    }
  }),
  /**
   * Earlier keys, comma-separated, as for the worker: the API decrypts no token, but its
   * start-up check must know which keys the stored tokens may still be under.
   */
  TOKEN_ENCRYPTION_OLD_KEYS: z
    .string()
    .default('')
    .transform((value, context): TokenKey[] => {
      try {
        return value
          .split(',')
          .map((key) => key.trim())
          .filter(Boolean)
          .map(parseTokenKey);
      } catch {
        context.addIssue({
          code: 'custom',
          message: 'each key must be 32 bytes, written as 64 hex characters or as base64',
        });
        return z.NEVER;
      }
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Loopback unless the operator opens it up. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DASHBOARD_DIR: z.string().min(1).default(DEFAULT_DASHBOARD_DIR),
  SESSION_TTL_DAYS: positiveInt.max(365).default(30),
  /** Visitors try the demo and leave: its sessions are short, so few pile up to be swept. */
  DEMO_SESSION_TTL_MINUTES: positiveInt.max(7 * 24 * 60).default(120),
  /** `auto`: Secure when the request arrived over https (directly or, with TRUST_PROXY, via a proxy). */
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Behind a reverse proxy: read the client address and scheme from X-Forwarded-* headers. */
  TRUST_PROXY: flag.default(false),
  /** Comma-separated origins the page is served from when they differ from the request URL. */
  PUBLIC_ORIGIN: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(z.array(z.url())),
  LOGIN_RATE_LIMIT_MAX: positiveInt.default(10),
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(900),
  /** Demo sign-ins per client address and window: each one writes a session. */
  DEMO_LOGIN_RATE_LIMIT_MAX: positiveInt.default(20),
  DEMO_LOGIN_RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(900),
  REFRESH_MIN_INTERVAL_SECONDS: positiveInt.default(120),
});
export type ApiEnv = z.infer<typeof ApiEnv>;

/** Parses the environment or throws one error naming every bad variable. */
export function loadApiEnv(env: Record<string, string | undefined>): ApiEnv {
  const result = ApiEnv.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`,
  );
  throw new AppError('invalid-config', `invalid configuration: ${problems.join('; ')}`, {
    status: 500,
    details: { problems },
  });
}
