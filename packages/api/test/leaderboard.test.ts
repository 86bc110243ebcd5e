import { ErrorEnvelope, LeaderboardResponse } from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCookie, putSettings, settingsWith } from './sharing-support.js';
import {
  buildTestApp,
  errorCodeOf,
  jsonOf,
  type SeedReading,
  seedWriter,
  sessionCookie,
} from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
const cookies: Record<string, string> = {};

/**
 * Writers scraped every day at 23:00 KST from 11-01 to 11-22 (today is 11-22), each post
 * gaining `views`/`likes` a day: over the 7 complete days 11-15..11-21 a writer gains 7 times
 * their daily rate; over 30 days (10-23..11-21) 20 times, for 11-02..11-21: 11-01, the first
 * observation, has no day before it to gain from.
 */
const WRITERS = [
  { id: 'u-ann', username: 'ann', views: 10, likes: 3 },
  { id: 'u-ben', username: 'ben', views: 20, likes: 1 },
  { id: 'u-cat', username: 'cat', views: 10, likes: 2 },
  { id: 'u-dan', username: 'dan', views: 5, likes: 5 },
  // Never opts in: the most viewed, and never on the board.
  { id: 'u-eve', username: 'eve', views: 1000, likes: 100 },
];

async function board(query: string, app = t.app) {
  const response = await app.request(`/api/leaderboard${query}`);
  expect(response.status).toBe(200);
  return LeaderboardResponse.parse(await jsonOf(response));
}

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  for (const writer of WRITERS) {
    const scrapes = [];
    for (let day = 1; day <= 22; day += 1) {
      const date = `2026-11-${String(day).padStart(2, '0')}`;
      const reading: SeedReading = [writer.views * day, writer.likes * day];
      scrapes.push({ at: new Date(`${date}T14:00:00Z`), posts: { p: reading } });
    }
    await seedWriter(t.models, {
      userId: writer.id,
      username: writer.username,
      now: t.clock.now(),
      posts: [{ id: 'p', title: 'Post' }],
      scrapes,
    });
    await t.models.User.updateOne(
      { _id: writer.id },
      { $set: { displayName: `${writer.username} ✍️` } },
    );
    cookies[writer.username] = await sessionCookie(db.connection, t.clock.now, writer.id);
  }
  for (const name of ['ann', 'ben', 'cat', 'dan']) {
    const response = await putSettings(
      t.app,
      cookies[name] as string,
      settingsWith({ leaderboard: true }),
    );
    expect(response.status).toBe(200);
  }
  await putSettings(t.app, cookies.eve as string, settingsWith({ card: true }));
});

describe('GET /api/leaderboard', () => {
  it('ranks the opted-in writers by views over the last 7 complete KST days', async () => {
    const body = await board('?by=views&days=7');
    expect(body).toEqual({
      by: 'views',
      days: 7,
      from: '2026-11-15',
      to: '2026-11-21',
      entries: [
        { rank: 1, username: 'ben', displayName: 'ben ✍️', value: 140 },
        // A tie shares its rank and is ordered by username.
        { rank: 2, username: 'ann', displayName: 'ann ✍️', value: 70 },
        { rank: 2, username: 'cat', displayName: 'cat ✍️', value: 70 },
        { rank: 4, username: 'dan', displayName: 'dan ✍️', value: 35 },
      ],
    });
  });

  it('ranks by likes, over 30 days, with the defaults and a limit', async () => {
    const likes = await board('?by=likes&days=30');
    expect(likes.from).toBe('2026-10-23');
    expect(likes.to).toBe('2026-11-21');
    expect(likes.entries.map((entry) => [entry.username, entry.value])).toEqual([
      ['dan', 100],
      ['ann', 60],
      ['cat', 40],
      ['ben', 20],
    ]);
    const defaults = await board('');
    expect(defaults).toMatchObject({ by: 'views', days: 7 });
    expect((await board('?limit=2')).entries.map((entry) => entry.username)).toEqual([
      'ben',
      'ann',
    ]);
  });

  it('says nothing but the username, display name and figure', async () => {
    const response = await t.app.request('/api/leaderboard');
    const raw = await response.text();
    for (const entry of JSON.parse(raw).entries) {
      expect(Object.keys(entry).sort()).toEqual(['displayName', 'rank', 'username', 'value']);
    }
    expect(raw).not.toMatch(/u-ann|userId|@|eve/);
  });

  it('drops a writer at once when they opt out, in every process', async () => {
    // A second API process on the same database, with its own caches.
    const other = buildTestApp({
      connection: db.connection,
      clock: t.clock,
      config: { tokenKey: t.config.tokenKey },
    });
    expect((await board('', other.app)).entries.map((e) => e.username)).toContain('ben');
    expect((await board('', t.app)).entries.map((e) => e.username)).toContain('ben');

    await putSettings(t.app, cookies.ben as string, settingsWith({ leaderboard: false }));
    for (const app of [t.app, other.app]) {
      expect((await board('', app)).entries.map((e) => e.username)).toEqual(['ann', 'cat', 'dan']);
    }
    await putSettings(other.app, cookies.ben as string, settingsWith({ leaderboard: true }));
    for (const app of [t.app, other.app]) {
      expect((await board('', app)).entries[0]?.username).toBe('ben');
    }
  });

  it('never has the demo on it', async () => {
    const demo = await demoCookie(db.connection, t.clock.now);
    const response = await putSettings(t.app, demo, settingsWith({ leaderboard: true }));
    expect(response.status).toBe(403);
    expect((await board('?limit=100')).entries.map((e) => e.username)).not.toContain('demo');
  });

  it('answers any query string with the board or a 400 envelope, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('by', 'days', 'limit', 'x'), fc.string({ maxLength: 8 })),
        async (params) => {
          const response = await t.app.request(`/api/leaderboard?${new URLSearchParams(params)}`);
          if (response.status === 200) LeaderboardResponse.parse(await jsonOf(response));
          else {
            expect(response.status).toBe(400);
            ErrorEnvelope.parse(await jsonOf(response));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses bad queries with the 400 envelope', async () => {
    for (const query of ['?by=comments', '?days=14', '?limit=0', '?limit=101', '?limit=x']) {
      const response = await t.app.request(`/api/leaderboard${query}`);
      expect(response.status, query).toBe(400);
      expect(await errorCodeOf(response)).toBe('invalid-request');
    }
  });
});
