import { afterEach, describe, expect, it } from 'vitest';
import { startVelogFake, type VelogFake } from './fake.js';

let fake: VelogFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('the control API', () => {
  it('listens on an ephemeral loopback port with three URLs', async () => {
    fake = await startVelogFake();
    expect(fake.port).toBeGreaterThan(0);
    expect(fake.urls).toEqual({
      v3: `http://127.0.0.1:${fake.port}/v3/graphql`,
      v2: `http://127.0.0.1:${fake.port}/v2/graphql`,
      v2cdn: `http://127.0.0.1:${fake.port}/v2cdn/graphql`,
    });
  });

  it('moves the clock only when told', async () => {
    const start = new Date('2026-11-22T14:59:59Z');
    fake = await startVelogFake({ now: start });
    expect(fake.now()).toEqual(start);
    fake.advance(2000);
    expect(fake.now()).toEqual(new Date('2026-11-22T15:00:01Z'));
    fake.setNow(new Date('2027-01-01T00:00:00Z'));
    expect(fake.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('gives UUIDs to users and posts and defaults posts to now', async () => {
    const now = new Date('2026-11-22T03:00:00Z');
    fake = await startVelogFake({ now });
    const user = fake.addUser({ username: 'alice' });
    expect(user.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const post = fake.addPost({ userId: user.id, title: '한글 제목 Hello' });
    const stored = fake.store.post(post.id);
    expect(stored?.releasedAt).toEqual(now);
    expect(stored?.urlSlug).toBe('한글-제목-hello');
    fake.addReads(post.id, 3);
    expect(fake.store.post(post.id)?.views).toBe(3);
    expect(fake.store.reads(post.id)).toEqual([{ at: now, count: 3 }]);
  });

  it('refuses what velog could not hold', async () => {
    fake = await startVelogFake();
    const user = fake.addUser({ username: 'alice' });
    expect(() => fake?.addUser({ username: 'alice' })).toThrow(/taken/);
    expect(() => fake?.addPost({ userId: '00000000-0000-4000-8000-000000000000' })).toThrow();
    const post = fake.addPost({ userId: user.id });
    expect(() => fake?.setLikes(post.id, -1)).toThrow(RangeError);
    expect(() => fake?.addReads(post.id, 1.5)).toThrow(RangeError);
    expect(() => fake?.setLatency('v2', { baseMs: -1 })).toThrow(RangeError);
    fake.deletePost(post.id);
    expect(() => fake?.setViews(post.id, 1)).toThrow(/no such post/);
  });

  it('mints tokens with any issue time and lifetime, which verifyToken reads back', async () => {
    fake = await startVelogFake({ now: new Date('2026-11-22T03:00:00Z') });
    const user = fake.addUser({ username: 'alice' });
    const issuedAt = new Date('2026-01-01T00:00:00Z');
    const tokens = fake.mintTokens(user.id, {
      issuedAt,
      accessTtlSeconds: 10,
      refreshTtlSeconds: 20,
      refreshIdField: 'token_Id',
    });
    const iat = issuedAt.getTime() / 1000;
    expect(fake.verifyToken(tokens.accessToken)).toEqual({
      user_id: user.id,
      iat,
      exp: iat + 10,
      iss: 'velog.io',
      sub: 'access_token',
    });
    expect(fake.verifyToken(tokens.refreshToken)).toMatchObject({
      exp: iat + 20,
      token_Id: expect.any(String),
    });
    const defaults = fake.verifyToken(fake.mintTokens(user.id).refreshToken);
    expect(Number(defaults?.exp) - Number(defaults?.iat)).toBe(30 * 86400);
    expect(fake.verifyToken(`${tokens.accessToken}x`)).toBeNull();
  });

  it('close() is idempotent and frees the port', async () => {
    const instance = await startVelogFake();
    await Promise.all([instance.close(), instance.close()]);
    await expect(fetch(instance.urls.v3, { method: 'POST' })).rejects.toThrow();
  });
});
