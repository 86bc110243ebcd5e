import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startVelogFake, type VelogFake } from '../src/index.js';
import { DOCS, gql } from './http.js';

let fake: VelogFake;

beforeEach(async () => {
  fake = await startVelogFake({ now: new Date('2026-11-22T03:00:00Z') });
});

afterEach(async () => {
  await fake.close();
});

describe('the journal', () => {
  it('records endpoint, operation, variables, cookies, Origin, times, status and Set-Cookie', async () => {
    const alice = fake.addUser({ username: 'alice' });
    const tokens = fake.mintTokens(alice.id, { accessTtlSeconds: 60 });
    fake.advance(61_000);
    const cookies = { access_token: tokens.accessToken, refresh_token: tokens.refreshToken };
    const result = await gql(
      fake.urls.v3,
      DOCS.velogPosts,
      { input: { username: 'alice' } },
      {
        cookies,
        origin: 'https://velog.io',
      },
    );
    const [entry] = fake.journal();
    expect(entry).toMatchObject({
      seq: 1,
      endpoint: 'v3',
      operation: 'posts',
      operationName: null,
      variables: { input: { username: 'alice' } },
      cookies,
      origin: 'https://velog.io',
      startedAt: fake.now(),
      endedAt: fake.now(),
      status: 200,
      setCookie: result.setCookie,
    });
    expect(entry?.setCookie).toHaveLength(2);
    expect(entry?.wallEndedAt).toBeGreaterThanOrEqual(entry?.wallStartedAt ?? Infinity);
  });

  it('counts the most requests in flight at once, and resetJournal starts over', async () => {
    // Held until all four are in, so they overlap however slowly the machine runs.
    const hold = fake.injectFault({ operation: 'currentUser', kind: 'hold' });
    const four = Promise.all(Array.from({ length: 4 }, () => gql(fake.urls.v3, DOCS.currentUser)));
    await vi.waitFor(() => expect(fake.journal()).toHaveLength(4), {
      timeout: 30_000,
      interval: 5,
    });
    fake.clearFaults(hold);
    await four;
    expect(fake.maxInFlight()).toBe(4);
    expect(fake.journal()).toHaveLength(4);
    fake.resetJournal();
    expect(fake.journal()).toEqual([]);
    expect(fake.maxInFlight()).toBe(0);
    await gql(fake.urls.v3, DOCS.currentUser);
    await gql(fake.urls.v3, DOCS.currentUser);
    expect(fake.maxInFlight()).toBe(1);
    expect(fake.journal().map((entry) => entry.seq)).toEqual([5, 6]);
  });

  it("shows which cookies each user's requests carried", async () => {
    const alice = fake.addUser({ username: 'alice' });
    const bob = fake.addUser({ username: 'bob' });
    const jars = {
      [alice.id]: { access_token: fake.mintTokens(alice.id).accessToken },
      [bob.id]: { access_token: fake.mintTokens(bob.id).accessToken },
    };
    for (const id of [alice.id, bob.id, alice.id]) {
      await gql(fake.urls.v3, DOCS.currentUser, {}, { cookies: jars[id] ?? {} });
    }
    const owners = fake
      .journal()
      .map((entry) => fake.verifyToken(entry.cookies.access_token ?? '')?.user_id);
    expect(owners).toEqual([alice.id, bob.id, alice.id]);
  });
});
