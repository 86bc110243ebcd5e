import { generateTokenKey, storeModels } from '@velog-insights/store';
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
): Promise<T> {
  const api = await runApi({ connection: db.connection, logger: captureLogs().logger, ...options });
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
