import { generateTokenKey, parseTokenKey, saveUserLogin, storeModels } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { startVelogFake, type VelogFake } from '@velog-insights/velog-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiEnv } from '../src/env.js';
import { type RunningApi, runApi } from '../src/run.js';
import { captureLogs } from './support.js';

const db = useTestDatabase();
let fake: VelogFake;

beforeAll(async () => {
  fake = await startVelogFake();
});
afterAll(async () => {
  await fake?.close();
});

function env() {
  return loadApiEnv({
    MONGODB_URI: db.uri,
    TOKEN_ENCRYPTION_KEY: generateTokenKey(),
    VELOG_V3_URL: fake.urls.v3,
    VELOG_STATS_URL: fake.urls.v2,
    PORT: '0',
  });
}

async function withApi<T>(
  options: { env: ReturnType<typeof env>; now?: () => Date },
  use: (api: RunningApi) => Promise<T>,
  logger = captureLogs().logger,
): Promise<T> {
  const api = await runApi({ connection: db.connection, logger, ...options });
  try {
    return await use(api);
  } finally {
    await api.stop();
  }
}

describe('runApi', () => {
  it('answers a login within one retry when velog keeps failing, rather than keep the writer waiting', async () => {
    fake.resetJournal();
    const fault = fake.injectFault({ operation: 'currentUser', kind: 'http-error', status: 503 });
    try {
      await withApi({ env: env() }, async (api) => {
        const response = await fetch(`${api.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: api.url },
          body: JSON.stringify({ accessToken: 'a', refreshToken: 'b' }),
        });
        expect(response.status).toBe(502);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'velog-unavailable',
        );
        // Both requests to velog, by what went wrong, and the one sign-in they failed.
        const metrics = await (await fetch(`${api.url}/metrics`)).text();
        expect(metrics).toContain(
          'api_velog_requests_total{operation="currentUser",outcome="transient"} 2',
        );
        expect(metrics).toContain('api_login_velog_errors_total{kind="transient"} 1');
        expect(metrics).toContain('api_logins_total{kind="token",outcome="velog-unavailable"} 1');
      });
      const attempts = fake.journal().filter((entry) => entry.operation === 'currentUser');
      expect(attempts).toHaveLength(2);
    } finally {
      fake.clearFaults(fault);
    }
  });

  it('writes no demo itself: demo sign-in answers 503 until the scheduler has written one', async () => {
    await withApi({ env: env() }, async (api) => {
      const response = await fetch(`${api.url}/api/auth/demo`, {
        method: 'POST',
        headers: { origin: api.url },
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'demo-unavailable',
      );
    });
    expect(await storeModels(db.connection).User.countDocuments()).toBe(0);
  });
});

describe('runApi: the token key check', () => {
  it('refuses to serve with a key other than the stored tokens need, naming TOKEN_ENCRYPTION_KEY; serves with the right one', async () => {
    const stored = generateTokenKey();
    await saveUserLogin(storeModels(db.connection), {
      profile: { velogUserId: 'u-key', username: 'keyed', displayName: 'Keyed', thumbnail: null },
      tokens: { accessToken: 'a', refreshToken: 'b' },
      key: parseTokenKey(stored),
      now: new Date(),
    });
    const base = { MONGODB_URI: db.uri, VELOG_V3_URL: fake.urls.v3, PORT: '0' };
    const wrong = generateTokenKey();
    const refused = runApi({
      env: loadApiEnv({ ...base, TOKEN_ENCRYPTION_KEY: wrong }),
      connection: db.connection,
      logger: captureLogs().logger,
    });
    await expect(refused).rejects.toMatchObject({
      code: 'token-key-mismatch',
      message: expect.stringMatching(/^TOKEN_ENCRYPTION_KEY .*TOKEN_ENCRYPTION_OLD_KEYS/),
    });
    await expect(refused).rejects.toSatisfy((error: Error) => !error.message.includes(wrong));

    // Rotating: the new key serves while the old one is kept for reading, and says it is needed.
    const logs = captureLogs();
    const next = generateTokenKey();
    await withApi(
      {
        env: loadApiEnv({ ...base, TOKEN_ENCRYPTION_KEY: next, TOKEN_ENCRYPTION_OLD_KEYS: stored }),
      },
      async (api) => {
        expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
      },
      logs.logger,
    );
    expect(logs.text()).toMatch(/1 active writer\(s\) still have tokens under old key id/);
    await withApi({ env: loadApiEnv({ ...base, TOKEN_ENCRYPTION_KEY: stored }) }, async (api) => {
      expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    });
  });
});
