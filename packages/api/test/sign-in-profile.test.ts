import { LeaderboardResponse } from '@velog-insights/shared';
import { readLeaderboardMembers, readPublicProfile } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { createVelogClient, type VelogClient } from '@velog-insights/velog';
import { startVelogFake, type VelogFake } from '@velog-insights/velog-fake';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { putSettings, settingsWith } from './sharing-support.js';
import { buildTestApp, cookieFrom, fromAddress, jsonOf, testClock } from './support.js';

const db = useTestDatabase();
let fake: VelogFake;
let velog: VelogClient;
let t: ReturnType<typeof buildTestApp>;

beforeAll(async () => {
  const clock = testClock();
  fake = await startVelogFake({ now: clock.now() });
  velog = createVelogClient({
    v3Url: fake.urls.v3,
    statsUrl: fake.urls.v2,
    timeoutMs: 2_000,
    retries: 0,
  });
  t = buildTestApp({ connection: db.connection, clock, velog });
});

afterAll(async () => {
  await velog?.close();
  await fake?.close();
});

async function signIn(userId: string): Promise<string> {
  const response = await t.app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fake.mintTokens(userId)),
    },
    fromAddress('10.0.0.9'),
  );
  expect(response.status).toBe(200);
  return cookieFrom(response);
}

it('brings the public profile and the board up to date at sign-in', async () => {
  const writer = fake.addUser({ username: 'Profile-Writer', displayName: 'Velog Name' });
  const cookie = await signIn(writer.id);
  // Before any settings: nothing public.
  expect(await readPublicProfile(t.models, 'profile-writer')).toBeNull();
  expect(
    (await putSettings(t.app, cookie, settingsWith({ card: true, leaderboard: true }))).status,
  ).toBe(200);
  expect(await readPublicProfile(t.models, 'PROFILE-WRITER')).toMatchObject({
    _id: 'profile-writer',
    userId: writer.id,
    username: 'Profile-Writer',
    displayName: 'Velog Name',
    card: true,
    leaderboard: true,
  });

  // What the profile and the board say goes stale (as when velog's name changed since)…
  await t.models.User.db
    .collection('public_profiles')
    .updateOne({ _id: 'profile-writer' } as never, { $set: { displayName: 'Stale' } });
  // …and the next sign-in, which reads the name from velog, writes it again.
  await signIn(writer.id);
  expect((await readPublicProfile(t.models, 'profile-writer'))?.displayName).toBe('Velog Name');
  const { members } = await readLeaderboardMembers(t.models);
  expect(members).toEqual([
    { userId: writer.id, username: 'Profile-Writer', displayName: 'Velog Name' },
  ]);
  const board = LeaderboardResponse.parse(await jsonOf(await t.app.request('/api/leaderboard')));
  expect(board.entries).toEqual([]);
});
