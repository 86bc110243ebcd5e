import {
  generateTokenKey,
  type LinkClaims,
  parseTokenKey,
  readWriterSettings,
  signLink,
} from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAlice, seedBob } from './fixtures.js';
import { putSettings, settingsWith } from './sharing-support.js';
import { buildTestApp, sessionCookie } from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
let alice: string;
let bob: string;
const ALL_ALERTS = { tokensRejected: true, milestones: true, spike: true, scrapeFailing: true };

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  await seedAlice(t.models, t.clock.now());
  await seedBob(t.models, t.clock.now());
  alice = await sessionCookie(db.connection, t.clock.now, 'u-alice');
  bob = await sessionCookie(db.connection, t.clock.now, 'u-bob');
});

const sign = (claims: LinkClaims) => signLink(claims, t.config.tokenKey);
const inAnHour = () => Math.floor(t.clock.now().getTime() / 1000) + 3600;

async function nonceOf(userId: string): Promise<string> {
  const nonce = (await readWriterSettings(t.models, userId))?.email?.nonce;
  if (!nonce) throw new Error('no nonce');
  return nonce;
}

describe('GET /email/verify', () => {
  it('verifies the address the link was sent for, on a page in the writer’s language', async () => {
    await putSettings(
      t.app,
      alice,
      settingsWith({ lang: 'en', email: { address: 'a@example.com' } }),
    );
    const token = sign({
      purpose: 'verify-email',
      userId: 'u-alice',
      nonce: await nonceOf('u-alice'),
      expiresAt: inAnHour(),
    });
    const response = await t.app.request(`/email/verify?token=${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await response.text()).toContain('Your e-mail address is verified');
    expect((await readWriterSettings(t.models, 'u-alice'))?.email?.verifiedAt).toEqual(
      t.clock.now(),
    );
    // Saving other choices with the same address keeps it verified.
    await putSettings(
      t.app,
      alice,
      settingsWith({ lang: 'en', digest: true, email: { address: 'a@example.com' } }),
    );
    expect((await readWriterSettings(t.models, 'u-alice'))?.email?.verifiedAt).toEqual(
      t.clock.now(),
    );
    // Opening it again is no error.
    expect((await t.app.request(`/email/verify?token=${token}`)).status).toBe(200);
  });

  it('refuses an expired, a superseded, a forged or a tampered link, in Korean for a Korean writer', async () => {
    await putSettings(
      t.app,
      bob,
      settingsWith({ lang: 'ko', email: { address: 'b@example.com' } }),
    );
    const oldNonce = await nonceOf('u-bob');
    const expired = sign({
      purpose: 'verify-email',
      userId: 'u-bob',
      nonce: oldNonce,
      expiresAt: Math.floor(t.clock.now().getTime() / 1000),
    });
    const resent = await t.app.request('/api/settings/email/resend', {
      method: 'POST',
      headers: { cookie: bob },
    });
    expect(resent.status).toBe(202);
    const superseded = sign({
      purpose: 'verify-email',
      userId: 'u-bob',
      nonce: oldNonce,
      expiresAt: inAnHour(),
    });
    const forged = signLink(
      {
        purpose: 'verify-email',
        userId: 'u-bob',
        nonce: await nonceOf('u-bob'),
        expiresAt: inAnHour(),
      },
      parseTokenKey(generateTokenKey()),
    );
    const genuine = sign({
      purpose: 'verify-email',
      userId: 'u-bob',
      nonce: await nonceOf('u-bob'),
      expiresAt: inAnHour(),
    });
    const [body, mac] = genuine.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ purpose: 'verify-email', userId: 'u-alice', nonce: await nonceOf('u-bob'), expiresAt: inAnHour() })).toString('base64url')}.${mac}`;
    const unsubscribe = sign({ purpose: 'unsubscribe', userId: 'u-bob', list: 'digest' });
    for (const token of [
      expired,
      superseded,
      forged,
      tampered,
      unsubscribe,
      `${body}.`,
      '',
      'junk',
    ]) {
      const response = await t.app.request(`/email/verify?token=${encodeURIComponent(token)}`, {
        headers: { 'accept-language': 'ko-KR,ko;q=0.9' },
      });
      expect(response.status, token).toBe(400);
      expect(await response.text()).toContain('확인할 수 없는 링크예요');
    }
    expect((await readWriterSettings(t.models, 'u-bob'))?.email?.verifiedAt).toBeNull();
    expect((await t.app.request(`/email/verify?token=${genuine}`)).status).toBe(200);
  });
});

describe('/unsubscribe', () => {
  it('asks first (changing nothing), then leaves the one list on POST', async () => {
    await putSettings(t.app, alice, settingsWith({ lang: 'en', digest: true, alerts: ALL_ALERTS }));
    const token = sign({ purpose: 'unsubscribe', userId: 'u-alice', list: 'digest' });
    const page = await t.app.request(`/unsubscribe?token=${token}`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Stop the weekly digest e-mails?');
    expect(text).toContain(`action="/unsubscribe?token=${token}"`);
    expect((await readWriterSettings(t.models, 'u-alice'))?.digest).toBe(true);

    // RFC 8058: what a mail client sends, from no page of ours.
    const posted = await t.app.request(`/unsubscribe?token=${token}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.example',
      },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('You will get no more weekly digests');
    const after = await readWriterSettings(t.models, 'u-alice');
    expect(after?.digest).toBe(false);
    expect(after?.alerts).toEqual(ALL_ALERTS);
  });

  it('still works after the token key was rotated, while the old key is configured', async () => {
    const oldKey = parseTokenKey(generateTokenKey());
    const rotated = buildTestApp({
      connection: db.connection,
      clock: t.clock,
      config: { oldTokenKeys: [oldKey] },
    });
    await putSettings(t.app, alice, settingsWith({ lang: 'en', digest: true }));
    // Mailed before the rotation: signed with the key that is now the old one.
    const token = signLink({ purpose: 'unsubscribe', userId: 'u-alice', list: 'digest' }, oldKey);
    expect((await t.app.request(`/unsubscribe?token=${token}`, { method: 'POST' })).status).toBe(
      400,
    );
    expect((await readWriterSettings(t.models, 'u-alice'))?.digest).toBe(true);
    const posted = await rotated.app.request(`/unsubscribe?token=${token}`, { method: 'POST' });
    expect(posted.status).toBe(200);
    expect((await readWriterSettings(t.models, 'u-alice'))?.digest).toBe(false);
  });

  it('leaves every alert with an alerts link', async () => {
    await putSettings(t.app, bob, settingsWith({ lang: 'ko', digest: true, alerts: ALL_ALERTS }));
    const token = sign({ purpose: 'unsubscribe', userId: 'u-bob', list: 'alerts' });
    const posted = await t.app.request(`/unsubscribe?token=${token}`, { method: 'POST' });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('알림을 보내지 않을게요');
    const after = await readWriterSettings(t.models, 'u-bob');
    expect(after?.alerts).toEqual({
      tokensRejected: false,
      milestones: false,
      spike: false,
      scrapeFailing: false,
    });
    expect(after?.digest).toBe(true);
  });

  it('refuses a forged or tampered link and changes nothing', async () => {
    await putSettings(t.app, bob, settingsWith({ lang: 'ko', digest: true, alerts: ALL_ALERTS }));
    const before = await readWriterSettings(t.models, 'u-bob');
    const genuine = sign({ purpose: 'unsubscribe', userId: 'u-alice', list: 'digest' });
    const mac = genuine.split('.')[1];
    const tampered = `${Buffer.from(JSON.stringify({ purpose: 'unsubscribe', userId: 'u-bob', list: 'digest' })).toString('base64url')}.${mac}`;
    const forged = signLink(
      { purpose: 'unsubscribe', userId: 'u-bob', list: 'alerts' },
      parseTokenKey(generateTokenKey()),
    );
    const verifyLinkToken = sign({
      purpose: 'verify-email',
      userId: 'u-bob',
      nonce: 'x',
      expiresAt: inAnHour(),
    });
    for (const token of [tampered, forged, verifyLinkToken, '', '"><script>alert(1)</script>']) {
      for (const method of ['GET', 'POST']) {
        const response = await t.app.request(`/unsubscribe?token=${encodeURIComponent(token)}`, {
          method,
          headers: { 'accept-language': 'en-US' },
        });
        expect(response.status, `${method} ${token}`).toBe(400);
        const text = await response.text();
        expect(text).toContain('This link cannot unsubscribe anyone');
        expect(text).not.toContain('<script>alert');
      }
    }
    expect(await readWriterSettings(t.models, 'u-bob')).toEqual(before);
  });
});
