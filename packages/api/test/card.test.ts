import { ErrorEnvelope } from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAlice, seedBob } from './fixtures.js';
import { putSettings, settingsWith } from './sharing-support.js';
import { atDayEnd, buildTestApp, jsonOf, seedWriter, sessionCookie } from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
let alice: string;
let bob: string;

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  await seedAlice(t.models, t.clock.now());
  await seedBob(t.models, t.clock.now());
  alice = await sessionCookie(db.connection, t.clock.now, 'u-alice');
  bob = await sessionCookie(db.connection, t.clock.now, 'u-bob');
  // Alice shares her card; Bob saved settings but left it off.
  expect((await putSettings(t.app, alice, settingsWith({ card: true, lang: 'en' }))).status).toBe(
    200,
  );
  expect((await putSettings(t.app, bob, settingsWith({ leaderboard: true }))).status).toBe(200);
});

async function snapshot(response: Response) {
  return {
    status: response.status,
    headers: [...response.headers.entries()],
    body: Buffer.from(await response.arrayBuffer()).toString('hex'),
  };
}

describe('a writer with a private post', () => {
  it('shows it on neither the card nor the leaderboard', async () => {
    await seedWriter(t.models, {
      userId: 'u-carol',
      username: 'carol',
      now: t.clock.now(),
      posts: [
        { id: 'c1', title: 'Public post', releasedAt: new Date('2026-01-05T00:00:00Z') },
        {
          id: 'c2',
          title: 'Private draft',
          releasedAt: new Date('2026-02-05T00:00:00Z'),
          isPrivate: true,
        },
      ],
      scrapes: atDayEnd({
        '2026-11-20': { c1: [10, 1], c2: [100, 5] },
        '2026-11-21': { c1: [30, 2], c2: [300, 9] },
      }),
    });
    const carol = await sessionCookie(db.connection, t.clock.now, 'u-carol');
    const saved = await putSettings(
      t.app,
      carol,
      settingsWith({ card: true, leaderboard: true, lang: 'en' }),
    );
    expect(saved.status).toBe(200);
    const svg = await (await t.app.request('/card/carol.svg')).text();
    // One post, 30 views, 2 likes: the private draft's 300 views and 9 likes are nobody's business.
    expect(svg).toContain('>30<');
    expect(svg).toContain('>2<');
    expect(svg).toContain('>1<');
    expect(svg).not.toContain('>330<');
    expect(svg).not.toContain('>11<');
    const board = await jsonOf(await t.app.request('/api/leaderboard?by=views&days=7'));
    const entry = board.entries.find((row: { username: string }) => row.username === 'carol');
    // 11-21's gain of the public post alone (the private one gained 200 that day).
    expect(entry?.value).toBe(20);
  });
});

describe('GET /card/{username}.svg', () => {
  it('draws the opted-in writer’s totals and last 30 days', async () => {
    const response = await t.app.request('/card/alice.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{43}"$/);
    const svg = await response.text();
    expect(svg).toMatch(/^<svg [^>]*width="480" height="140"/);
    // Totals as the summary has them: 211 views, 11 likes, 3 posts (p4 was removed).
    expect(svg).toContain('>211<');
    expect(svg).toContain('>11<');
    expect(svg).toContain('>3<');
    expect(svg).toContain('>Views<');
    // The line follows the dashboard's own daily figures for the 30 complete days before today
    // (10-23 to 11-21): each stretch of observed days is a run, a day seen alone a dot, and an
    // unobserved day breaks the line rather than drawing a zero.
    const daily = await jsonOf(
      await t.app.request('/api/stats/daily?from=2026-10-23&to=2026-11-21', {
        headers: { cookie: alice },
      }),
    );
    const runs: number[] = [];
    let length = 0;
    for (const day of [...daily.days, { views: null }]) {
      if (day.views === null) {
        if (length > 0) runs.push(length);
        length = 0;
      } else length += 1;
    }
    const lines = (svg.match(/ d="([^"]*)"/)?.[1] ?? '').match(/M/g) ?? [];
    const dots = svg.match(/<circle /g) ?? [];
    expect(runs.length).toBeGreaterThan(0);
    expect(lines.length).toBe(runs.filter((n) => n > 1).length);
    expect(dots.length).toBe(runs.filter((n) => n === 1).length);
  });

  it('answers in the language asked for, else the writer’s', async () => {
    expect(await (await t.app.request('/card/alice.svg?lang=ko')).text()).toContain('>조회수<');
    expect(await (await t.app.request('/card/alice.svg?lang=en')).text()).toContain('>Views<');
    const bad = await t.app.request('/card/alice.svg?lang=fr');
    expect(bad.status).toBe(400);
    ErrorEnvelope.parse(await jsonOf(bad));
  });

  it('finds the writer whatever the case of the username', async () => {
    const upper = await t.app.request('/card/ALICE.svg');
    expect(upper.status).toBe(200);
    expect(upper.headers.get('etag')).toBe(
      (await t.app.request('/card/alice.svg')).headers.get('etag'),
    );
  });

  it('answers If-None-Match with 304 and the same validators', async () => {
    const first = await t.app.request('/card/alice.svg');
    const etag = first.headers.get('etag') as string;
    const again = await t.app.request('/card/alice.svg', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const listed = await t.app.request('/card/alice.svg', {
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(listed.status).toBe(304);
    const stale = await t.app.request('/card/alice.svg', {
      headers: { 'if-none-match': '"other"' },
    });
    expect(stale.status).toBe(200);
    // Another language is another entity.
    const ko = await t.app.request('/card/alice.svg?lang=ko', {
      headers: { 'if-none-match': etag },
    });
    expect(ko.status).toBe(200);
  });

  it('is the same 404, byte for byte, for a writer who did not opt in and for nobody', async () => {
    const notOptedIn = await snapshot(await t.app.request('/card/bob.svg'));
    const nobody = await snapshot(await t.app.request('/card/nobody-at-all.svg'));
    const demoLike = await snapshot(await t.app.request('/card/demo.svg'));
    expect(notOptedIn.status).toBe(404);
    expect(nobody).toEqual(notOptedIn);
    expect(demoLike).toEqual(notOptedIn);
  });

  it('goes at once when the writer turns it off, and is then nobody’s 404', async () => {
    const nobody = await snapshot(await t.app.request('/card/nobody-at-all.svg'));
    await putSettings(t.app, alice, settingsWith({ card: false, lang: 'en' }));
    expect(await snapshot(await t.app.request('/card/alice.svg'))).toEqual(nobody);
    await putSettings(t.app, alice, settingsWith({ card: true, lang: 'en' }));
    expect((await t.app.request('/card/alice.svg')).status).toBe(200);
  });

  it('escapes a display name that looks like markup', async () => {
    await t.models.User.updateOne({ _id: 'u-alice' }, { $set: { displayName: 'A<&">"\'b' } });
    // The profile follows the user at the next settings change (or sign-in).
    await putSettings(t.app, alice, settingsWith({ card: true, lang: 'en' }));
    const svg = await (await t.app.request('/card/alice.svg')).text();
    expect(svg).toContain('A&lt;&amp;&quot;&gt;&quot;&#39;b');
    expect(svg).not.toContain('A<&');
  });

  it('is a 404 envelope, never a 500, for any odd name', async () => {
    for (const name of ['%00', 'a'.repeat(500), '..', '%F0%9F%98%80', '%3Cx%3E', '.svg']) {
      const response = await t.app.request(`/card/${name}.svg`);
      expect(response.status, name).toBe(404);
      ErrorEnvelope.parse(await jsonOf(response));
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = await jsonOf(await t.app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/card/{username}.svg',
        '/api/leaderboard',
        '/api/settings',
        '/api/settings/webhook-secret',
        '/api/settings/email/resend',
        '/email/verify',
        '/unsubscribe',
      ]),
    );
  });
});
