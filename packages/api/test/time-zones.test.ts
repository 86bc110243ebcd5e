import { SummaryResponse } from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAlice } from './fixtures.js';
import { buildTestApp, jsonOf, sessionCookie } from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
let cookie: string;

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  await seedAlice(t.models, t.clock.now());
  cookie = await sessionCookie(
    db.connection,
    () => new Date('2026-11-22T00:00:00Z'),
    'u-alice',
    30 * 86_400_000,
  );
});

async function summaryAt(instant: string) {
  t.clock.set(new Date(instant));
  const response = await t.app.request('/api/summary?from=2026-11-19&to=2026-11-22', {
    headers: { cookie },
  });
  expect(response.status).toBe(200);
  return SummaryResponse.parse(await jsonOf(response));
}

describe.each(['UTC', 'America/Los_Angeles', 'Asia/Seoul', 'Pacific/Kiritimati'])(
  'with the host in %s',
  (zone) => {
    it('days turn at KST midnight and the figures do not move', async () => {
      process.env.TZ = zone;
      const offsets: Record<string, number> = {
        UTC: 0,
        'America/Los_Angeles': 480,
        'Asia/Seoul': -540,
        'Pacific/Kiritimati': -840,
      };
      expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(offsets[zone]);

      // 23:59:59 KST on 11-22: still the 22nd, today's gain is the 22nd's.
      const before = await summaryAt('2026-11-22T14:59:59Z');
      expect(before).toMatchObject({
        today: '2026-11-22',
        yesterday: '2026-11-21',
        viewsToday: 16,
      });
      expect(before.period).toEqual({ views: 56, likes: 5 });

      // 00:00:00 KST on 11-23: a new day with no snapshot yet — unknown, not zero.
      const after = await summaryAt('2026-11-22T15:00:00Z');
      expect(after).toMatchObject({
        today: '2026-11-23',
        yesterday: '2026-11-22',
        viewsToday: null,
      });
      expect(after.viewsYesterday).toBe(16);
      expect(after.period).toEqual({ views: 56, likes: 5 });
    });
  },
);
