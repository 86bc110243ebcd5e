import type { TokenKey } from '@velog-insights/store';
import type { ApiEnv } from './env.js';

/** What the app needs to know beyond its collaborators; built from the env by `appConfigFromEnv`. */
export interface AppConfig {
  tokenKey: TokenKey;
  /** Earlier keys: links signed and webhook secrets sealed before a rotation still open. */
  oldTokenKeys: TokenKey[];
  sessionTtlMs: number;
  /** Visitors try the demo and leave; their sessions need not live a month. */
  demoSessionTtlMs: number;
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  /** Origins besides the request's own that may send state-changing requests. */
  publicOrigins: string[];
  /** The built dashboard; `null` serves none. */
  dashboardDir: string | null;
  loginRateLimit: { max: number; windowMs: number };
  /** Per client address, apart from token sign-ins: trying the demo never uses those up. */
  demoLoginRateLimit: { max: number; windowMs: number };
  refreshMinIntervalMs: number;
  /** Process-wide metrics (event loop, memory); off in tests, where many apps share a process. */
  collectDefaultMetrics: boolean;
  /** Webhook URLs on loopback or private addresses are accepted (tests, a private deployment). */
  allowPrivateWebhooks: boolean;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * A config with the env's defaults, for embedding the app without an environment (the
 * dashboard's browser tests, scripts): only the token key is required.
 */
export function defaultAppConfig(
  overrides: Partial<AppConfig> & Pick<AppConfig, 'tokenKey'>,
): AppConfig {
  return {
    oldTokenKeys: [],
    sessionTtlMs: 30 * DAY_MS,
    demoSessionTtlMs: 120 * MINUTE_MS,
    cookieSecure: 'auto',
    trustProxy: false,
    publicOrigins: [],
    dashboardDir: null,
    loginRateLimit: { max: 10, windowMs: 15 * 60_000 },
    demoLoginRateLimit: { max: 20, windowMs: 15 * 60_000 },
    refreshMinIntervalMs: 120_000,
    collectDefaultMetrics: false,
    allowPrivateWebhooks: false,
    ...overrides,
  };
}

export function appConfigFromEnv(env: ApiEnv): AppConfig {
  return {
    tokenKey: env.TOKEN_ENCRYPTION_KEY,
    oldTokenKeys: env.TOKEN_ENCRYPTION_OLD_KEYS,
    sessionTtlMs: env.SESSION_TTL_DAYS * DAY_MS,
    demoSessionTtlMs: env.DEMO_SESSION_TTL_MINUTES * MINUTE_MS,
    cookieSecure: env.COOKIE_SECURE,
    trustProxy: env.TRUST_PROXY,
    publicOrigins: env.PUBLIC_ORIGIN.map((origin) => new URL(origin).origin),
    dashboardDir: env.DASHBOARD_DIR,
    loginRateLimit: {
      max: env.LOGIN_RATE_LIMIT_MAX,
      windowMs: env.LOGIN_RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    demoLoginRateLimit: {
      max: env.DEMO_LOGIN_RATE_LIMIT_MAX,
      windowMs: env.DEMO_LOGIN_RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    refreshMinIntervalMs: env.REFRESH_MIN_INTERVAL_SECONDS * 1000,
    collectDefaultMetrics: true,
    allowPrivateWebhooks: env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  };
}
