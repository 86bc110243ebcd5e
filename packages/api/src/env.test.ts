import { describe, expect, it } from 'vitest';
import { loadApiEnv } from './env.js';

const KEY = 'ab'.repeat(32);

describe('loadApiEnv', () => {
  it('fills defaults around the two required variables', () => {
    const env = loadApiEnv({
      MONGODB_URI: 'mongodb://127.0.0.1:27017/insights',
      TOKEN_ENCRYPTION_KEY: KEY,
    });
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      VELOG_V3_URL: 'https://v3.velog.io/graphql',
      // The worker's value: the two processes share one default since issue 12.
      VELOG_TIMEOUT_MS: 15_000,
      SESSION_TTL_DAYS: 30,
      COOKIE_SECURE: 'auto',
      TRUST_PROXY: false,
      PUBLIC_ORIGIN: [],
      LOG_LEVEL: 'info',
    });
    expect(env.TOKEN_ENCRYPTION_KEY.key).toHaveLength(32);
    expect(env.DASHBOARD_DIR).toMatch(/packages[\\/]dashboard[\\/]dist$/);
  });

  it('parses the optional ones', () => {
    const env = loadApiEnv({
      MONGODB_URI: 'mongodb://db/insights',
      TOKEN_ENCRYPTION_KEY: KEY,
      PORT: '8080',
      TRUST_PROXY: 'true',
      PUBLIC_ORIGIN: 'https://insights.example, https://www.insights.example',
      COOKIE_SECURE: 'always',
    });
    expect(env.PORT).toBe(8080);
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.PUBLIC_ORIGIN).toEqual(['https://insights.example', 'https://www.insights.example']);
    expect(env.COOKIE_SECURE).toBe('always');
  });

  it('reads the old keys kept during a rotation, as the worker does', () => {
    const old = 'cd'.repeat(32);
    const env = loadApiEnv({
      MONGODB_URI: 'mongodb://db/insights',
      TOKEN_ENCRYPTION_KEY: KEY,
      TOKEN_ENCRYPTION_OLD_KEYS: ` ${old} ,`,
    });
    expect(env.TOKEN_ENCRYPTION_OLD_KEYS.map((key) => key.key.toString('hex'))).toEqual([old]);
    expect(
      loadApiEnv({ MONGODB_URI: 'mongodb://db/i', TOKEN_ENCRYPTION_KEY: KEY })
        .TOKEN_ENCRYPTION_OLD_KEYS,
    ).toEqual([]);
    expect(() =>
      loadApiEnv({
        MONGODB_URI: 'mongodb://db/insights',
        TOKEN_ENCRYPTION_KEY: KEY,
        TOKEN_ENCRYPTION_OLD_KEYS: `${old},secret-but-short`,
      }),
    ).toThrow(/^(?!.*secret-but-short).*TOKEN_ENCRYPTION_OLD_KEYS/);
  });

  it('names every bad variable at once, without echoing the key', () => {
    const secret = 'not-a-key-but-secret';
    let message = '';
    try {
      loadApiEnv({
        MONGODB_URI: 'http://nope',
        TOKEN_ENCRYPTION_KEY: secret,
        PORT: 'x',
        TRUST_PROXY: 'maybe',
      });
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid-config' });
      message = (error as Error).message;
    }
    for (const name of ['MONGODB_URI', 'TOKEN_ENCRYPTION_KEY', 'PORT', 'TRUST_PROXY']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain(secret);
    expect(() => loadApiEnv({ TOKEN_ENCRYPTION_KEY: KEY })).toThrow(/MONGODB_URI/);
  });
});
