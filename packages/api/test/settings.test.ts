import {
  DEFAULT_WRITER_SETTINGS,
  SettingsResponse,
  WebhookSecretResponse,
} from '@velog-insights/shared';
import { readWriterSettings } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAlice, seedBob, seedDemo } from './fixtures.js';
import { demoCookie, putSettings, settingsWith } from './sharing-support.js';
import { buildTestApp, errorCodeOf, jsonOf, sessionCookie } from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
let alice: string;
let bob: string;
let demo: string;

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  await seedAlice(t.models, t.clock.now());
  await seedBob(t.models, t.clock.now());
  await seedDemo(t.models, t.clock.now());
  alice = await sessionCookie(db.connection, t.clock.now, 'u-alice');
  bob = await sessionCookie(db.connection, t.clock.now, 'u-bob');
  demo = await demoCookie(db.connection, t.clock.now);
});

async function settingsOf(cookie: string) {
  const response = await t.app.request('/api/settings', { headers: { cookie } });
  expect(response.status).toBe(200);
  return SettingsResponse.parse(await jsonOf(response));
}

async function verificationsOf(userId: string) {
  return t.models.Outbox.collection
    .find({ userId, kind: 'verify-email' } as never)
    .toArray() as Promise<unknown[]>;
}

describe('GET /api/settings', () => {
  it('is all off for a writer who never saved any', async () => {
    expect(await settingsOf(bob)).toEqual(DEFAULT_WRITER_SETTINGS);
  });

  it('needs a session', async () => {
    const response = await t.app.request('/api/settings');
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe('session-required');
  });
});

describe('PUT /api/settings', () => {
  it('saves the choices; a new address is unverified and its verification e-mail queued', async () => {
    const body = settingsWith({
      lang: 'en',
      card: true,
      digest: true,
      alerts: { tokensRejected: true, milestones: false, spike: true, scrapeFailing: false },
      email: { address: 'alice@example.com' },
    });
    const response = await putSettings(t.app, alice, body);
    expect(response.status).toBe(200);
    const saved = SettingsResponse.parse(await jsonOf(response));
    expect(saved).toEqual({ ...body, email: { address: 'alice@example.com', verified: false } });
    expect(await settingsOf(alice)).toEqual(saved);

    const doc = await readWriterSettings(t.models, 'u-alice');
    const nonce = doc?.email?.nonce;
    expect(doc?.email?.verifiedAt).toBeNull();
    expect(nonce).toMatch(/^[\w-]{16,}$/);
    const queued = await t.models.Outbox.collection.findOne({
      _id: `verify-email:u-alice:${nonce}`,
    } as never);
    expect(queued).toMatchObject({
      userId: 'u-alice',
      channel: 'email',
      kind: 'verify-email',
      payload: { address: 'alice@example.com', nonce },
      state: 'pending',
    });
  });

  it('keeps the address’s nonce (and queues nothing) when the address is unchanged', async () => {
    const before = await readWriterSettings(t.models, 'u-alice');
    const count = (await verificationsOf('u-alice')).length;
    const response = await putSettings(
      t.app,
      alice,
      settingsWith({ lang: 'en', card: true, email: { address: 'Alice@Example.com' } }),
    );
    expect(response.status).toBe(200);
    const after = await readWriterSettings(t.models, 'u-alice');
    expect(after?.email?.nonce).toBe(before?.email?.nonce);
    expect(await verificationsOf('u-alice')).toHaveLength(count);
  });

  it('refuses unknown fields, a claimed verification and junk with the 400 envelope', async () => {
    const bad: unknown[] = [
      { ...settingsWith(), extra: 1 },
      { ...settingsWith(), email: { address: 'a@example.com', verified: true } },
      { ...settingsWith(), alerts: { ...DEFAULT_WRITER_SETTINGS.alerts, weekly: true } },
      { ...settingsWith(), lang: 'fr' },
      { ...settingsWith(), email: { address: 'not an address' } },
      { ...settingsWith(), webhook: { url: 'ftp://example.com/' } },
      { card: true },
      [],
      'null',
      '{"lang":',
    ];
    for (const body of bad) {
      const response = await putSettings(t.app, bob, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(['invalid-request', 'malformed-json']).toContain(await errorCodeOf(response));
    }
    expect(await readWriterSettings(t.models, 'u-bob')).toBeNull();
  });

  it('answers any JSON that is not settings with a 400 envelope, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const response = await putSettings(t.app, bob, JSON.stringify(body));
        expect(response.status).toBe(400);
        expect(await errorCodeOf(response)).toBe('invalid-request');
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a webhook on loopback or a private address unless the server allows it', async () => {
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.0.0.1/']) {
      const response = await putSettings(t.app, bob, settingsWith({ webhook: { url } }));
      expect(response.status).toBe(400);
      expect(await errorCodeOf(response)).toBe('webhook-url-not-allowed');
    }
    const permissive = buildTestApp({
      connection: db.connection,
      config: { allowPrivateWebhooks: true, tokenKey: t.config.tokenKey },
    });
    const response = await putSettings(
      permissive.app,
      bob,
      settingsWith({ webhook: { url: 'http://127.0.0.1:9/hook' } }),
    );
    expect(response.status).toBe(200);
  });

  it('rate-limits verification e-mails per writer', async () => {
    const statuses: number[] = [];
    for (const n of [1, 2, 3, 4]) {
      const response = await putSettings(
        t.app,
        bob,
        settingsWith({ email: { address: `bob${n}@example.com` } }),
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(await errorCodeOf(response)).toBe('verification-throttled');
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // The refused change saved nothing.
    expect((await readWriterSettings(t.models, 'u-bob'))?.email?.address).toBe('bob3@example.com');
    t.clock.advance(3_600_000);
  });
});

describe('the webhook secret', () => {
  it('is made with the webhook, shown to its writer, kept across URL changes, rotated on demand', async () => {
    const url = 'https://hooks.example.com/alice';
    expect((await putSettings(t.app, alice, settingsWith({ webhook: { url } }))).status).toBe(200);
    const first = await t.app.request('/api/settings/webhook-secret', {
      headers: { cookie: alice },
    });
    expect(first.status).toBe(200);
    const { secret } = WebhookSecretResponse.parse(await jsonOf(first));

    // Stored encrypted: the plaintext is nowhere in the document.
    const doc = await readWriterSettings(t.models, 'u-alice');
    expect(JSON.stringify(doc)).not.toContain(secret);
    // Not in the settings either.
    expect(JSON.stringify(await settingsOf(alice))).not.toContain(secret);

    await putSettings(t.app, alice, settingsWith({ webhook: { url: `${url}/2` } }));
    const kept = await t.app.request('/api/settings/webhook-secret', {
      headers: { cookie: alice },
    });
    expect(WebhookSecretResponse.parse(await jsonOf(kept)).secret).toBe(secret);

    const rotated = await t.app.request('/api/settings/webhook-secret', {
      method: 'POST',
      headers: { cookie: alice },
    });
    expect(rotated.status).toBe(200);
    const next = WebhookSecretResponse.parse(await jsonOf(rotated)).secret;
    expect(next).not.toBe(secret);
    const read = await t.app.request('/api/settings/webhook-secret', {
      headers: { cookie: alice },
    });
    expect(WebhookSecretResponse.parse(await jsonOf(read)).secret).toBe(next);
  });

  it('is 404 for a writer without a webhook, and never another writer’s', async () => {
    await putSettings(t.app, bob, settingsWith());
    const response = await t.app.request('/api/settings/webhook-secret', {
      headers: { cookie: bob },
    });
    expect(response.status).toBe(404);
    expect(await errorCodeOf(response)).toBe('no-webhook');
    const settings = await settingsOf(bob);
    expect(settings.webhook).toBeNull();
    expect(JSON.stringify(settings)).not.toContain('alice');
  });
});

describe('the demo', () => {
  it('may read the settings and change nothing', async () => {
    expect(await settingsOf(demo)).toEqual(DEFAULT_WRITER_SETTINGS);
    const attempts = [
      await putSettings(
        t.app,
        demo,
        settingsWith({ card: true, email: { address: 'd@example.com' } }),
      ),
      await t.app.request('/api/settings/webhook-secret', {
        method: 'POST',
        headers: { cookie: demo },
      }),
      await t.app.request('/api/settings/email/resend', {
        method: 'POST',
        headers: { cookie: demo },
      }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(403);
      expect(await errorCodeOf(response)).toBe('demo-read-only');
    }
    expect(await readWriterSettings(t.models, 'demo')).toBeNull();
    expect(await verificationsOf('demo')).toEqual([]);
  });
});

describe('POST /api/settings/email/resend', () => {
  it('queues a new link under a new nonce', async () => {
    await putSettings(t.app, alice, settingsWith({ email: { address: 'new-alice@example.com' } }));
    const before = await readWriterSettings(t.models, 'u-alice');
    const response = await t.app.request('/api/settings/email/resend', {
      method: 'POST',
      headers: { cookie: alice },
    });
    expect(response.status).toBe(202);
    const after = await readWriterSettings(t.models, 'u-alice');
    expect(after?.email?.nonce).not.toBe(before?.email?.nonce);
    const queued = await t.models.Outbox.collection.findOne({
      _id: `verify-email:u-alice:${after?.email?.nonce}`,
    } as never);
    expect(queued).toMatchObject({ payload: { address: 'new-alice@example.com' } });
  });

  it('is 404 without an address', async () => {
    await putSettings(t.app, bob, settingsWith());
    const response = await t.app.request('/api/settings/email/resend', {
      method: 'POST',
      headers: { cookie: bob },
    });
    expect(response.status).toBe(404);
    expect(await errorCodeOf(response)).toBe('no-email');
  });
});
