import { DEMO_USER_ID } from '@velog-insights/demo';
import { addKstDays, toKstDate } from '@velog-insights/shared';
import { generateTokenKey, storeModels } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { startVelogFake, type VelogFake } from '@velog-insights/velog-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiEnv } from '../src/env.js';
import { type RunningApi, runApi } from '../src/run.js';
import { captureLogs, testClock } from './support.js';

const db = useTestDatabase();
let fake: VelogFake;

beforeAll(async () => {
  fake = await startVelogFake();
});
afterAll(async () => {
  await fake?.close();
});

function env(overrides: Record<string, string>) {
  return loadApiEnv({
    MONGODB_URI: db.uri,
    TOKEN_ENCRYPTION_KEY: generateTokenKey(),
    VELOG_V3_URL: fake.urls.v3,
    VELOG_STATS_URL: fake.urls.v2,
    PORT: '0',
    ...overrides,
  });
}

async function withApi<T>(
  options: { env: ReturnType<typeof env>; now?: () => Date; demoRefreshMs?: number },
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
      await withApi({ env: env({ DEMO_ENABLED: 'false' }) }, async (api) => {
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

  it('keeps the demo’s history current while it runs, not only at start-up', {
    timeout: 90_000,
  }, async () => {
    const clock = testClock(new Date('2026-11-22T03:00:00Z'));
    const { UserDay } = storeModels(db.connection);
    const newestDemoDay = async () =>
      (await UserDay.find({ userId: DEMO_USER_ID }).sort({ day: -1 }).limit(1).lean())[0]?.day;

    await withApi(
      { env: env({ DEMO_ENABLED: 'true' }), now: clock.now, demoRefreshMs: 100 },
      async () => {
        await expect
          .poll(newestDemoDay, { timeout: 60_000, interval: 200 })
          .toBe(toKstDate(clock.now()));
        // The process runs on past midnight: the next refresh appends the new day.
        clock.advance(86_400_000);
        await expect
          .poll(newestDemoDay, { timeout: 30_000, interval: 200 })
          .toBe(addKstDays(toKstDate(new Date('2026-11-22T03:00:00Z')), 1));
      },
    );
  });
});
