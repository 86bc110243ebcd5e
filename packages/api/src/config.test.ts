import { describe, expect, it } from 'vitest';
import { appConfigFromEnv } from './config.js';
import { loadApiEnv } from './env.js';

const required = { MONGODB_URI: 'mongodb://db/insights', TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) };

describe('appConfigFromEnv', () => {
  it('keeps demo sessions two hours and limits demo sign-ins apart from token ones', () => {
    const config = appConfigFromEnv(loadApiEnv(required));
    expect(config.demoSessionTtlMs).toBe(2 * 3_600_000);
    expect(config.sessionTtlMs).toBe(30 * 86_400_000);
    expect(config.demoLoginRateLimit).toEqual({ max: 20, windowMs: 900_000 });
    expect(config.loginRateLimit).toEqual({ max: 10, windowMs: 900_000 });
  });

  it('lets the operator change them', () => {
    const config = appConfigFromEnv(
      loadApiEnv({
        ...required,
        DEMO_SESSION_TTL_MINUTES: '30',
        DEMO_LOGIN_RATE_LIMIT_MAX: '5',
        DEMO_LOGIN_RATE_LIMIT_WINDOW_SECONDS: '60',
      }),
    );
    expect(config.demoSessionTtlMs).toBe(30 * 60_000);
    expect(config.demoLoginRateLimit).toEqual({ max: 5, windowMs: 60_000 });
    expect(() => loadApiEnv({ ...required, DEMO_SESSION_TTL_MINUTES: '0' })).toThrow(
      /DEMO_SESSION_TTL_MINUTES/,
    );
  });
});
