import { readFile } from 'node:fs/promises';
import {
  addKstDays,
  DailyResponse,
  KstDate,
  PostListResponse,
  SummaryResponse,
} from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.js';

/**
 * Issue 13, "what reads wrong": each point as the reader meets it, in real Chromium, in
 * Korean and English where there is text.
 */

const db = useTestDatabase();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack(db.connection);
}, 90_000);

afterAll(async () => {
  await stack?.close();
});

const BROWSER_TEST_MS = 60_000;
type Lang = 'ko' | 'en';

async function waitForView(page: Page, view: 'sign-in' | 'dashboard' | 'post'): Promise<void> {
  await page.waitForSelector(`#app[data-ready="${view}"]`);
}

async function withPage<T>(lang: Lang, run: (page: Page, context: BrowserContext) => Promise<T>) {
  const context = await stack.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: lang === 'ko' ? 'ko-KR' : 'en-US',
    timezoneId: 'America/Los_Angeles',
  });
  try {
    return await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function openDemo(page: Page, hash = ''): Promise<void> {
  await page.goto(`${stack.url}/${hash}`);
  await waitForView(page, 'sign-in');
  await page.click('#demo-button');
  await waitForView(page, hash.startsWith('#/posts/') ? 'post' : 'dashboard');
}

async function apiGet(page: Page, path: string): Promise<unknown> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }, path);
}

async function tableIds(page: Page): Promise<string[]> {
  return page.$$eval('#posts-table tbody tr', (rows) =>
    rows.map((row) => row.getAttribute('data-post-id') ?? ''),
  );
}

/** The table once its rows are in and no load is pending. */
async function settledTable(page: Page): Promise<void> {
  await page.waitForSelector('#posts-table, #posts-empty');
  await page.waitForSelector('.table-body[aria-busy="false"]');
}

async function shownRange(page: Page): Promise<{ from: string; to: string }> {
  const text = page.locator('#range-text');
  return {
    from: (await text.getAttribute('data-from')) ?? '',
    to: (await text.getAttribute('data-to')) ?? '',
  };
}

const EN = {
  failedAt: 'Last attempt failed',
  reauthReason: 'Paste fresh tokens first',
  requested: 'Update requested',
};
const KO = {
  failedAt: '업데이트 시도 실패',
  reauthReason: '먼저 새 토큰을 붙여 넣어 주세요',
};

describe('2. the status line after a failure', () => {
  for (const lang of ['en', 'ko'] as const) {
    it(
      `says the attempt failed, pauses, shows one banner and clears the request (${lang})`,
      async () => {
        const { fake } = stack;
        const writer = fake.addUser({ username: `dead-tokens-${lang}`, displayName: 'Dead' });
        fake.addPost({ userId: writer.id, title: 'one', views: 10, likes: 1 });
        await withPage(lang, async (page) => {
          await page.goto(stack.url);
          await waitForView(page, 'sign-in');
          const tokens = fake.mintTokens(writer.id);
          await page.fill('#token-access', tokens.accessToken);
          await page.fill('#token-refresh', tokens.refreshToken);
          await page.click('.token-form button[type="submit"]');
          await waitForView(page, 'dashboard');
          await stack.scrape(writer.username);
          await page.waitForSelector('#banner-first-day');

          // The worker's next attempt meets dead tokens: it fails and pauses the writer.
          await stack.models.User.updateOne(
            { _id: writer.id },
            { $set: { authStatus: 'reauth-required', 'scrape.lastOutcome': 'failed' } },
          );
          await page.reload();
          await waitForView(page, 'dashboard');
          const line = (await page.locator('#last-update').textContent()) ?? '';
          expect(line).toContain(lang === 'en' ? EN.failedAt : KO.failedAt);
          expect(line).not.toMatch(lang === 'en' ? /Updated|next/ : /다음/);
          expect(await page.locator('#refresh-button').isDisabled()).toBe(true);
          const reason = page.locator('#refresh-reason');
          expect(await reason.isVisible()).toBe(true);
          expect(await reason.textContent()).toContain(
            lang === 'en' ? EN.reauthReason : KO.reauthReason,
          );
          expect(await page.locator('#refresh-button').getAttribute('aria-describedby')).toBe(
            'refresh-reason',
          );
          expect(await page.locator('.banners .banner').count()).toBe(1);
          expect(await page.locator('#banner-reauth').isVisible()).toBe(true);

          if (lang === 'ko') return;
          // Fresh tokens: the login asks for a scrape; once one has run, the request is over.
          const fresh = fake.mintTokens(writer.id);
          await page.fill('#reauth-access', fresh.accessToken);
          await page.fill('#reauth-refresh', fresh.refreshToken);
          await page.click('#reauth-access >> xpath=ancestor::form//button[@type="submit"]');
          await page.waitForSelector('#banner-reauth', { state: 'detached' });
          await waitForView(page, 'dashboard');
          expect(await page.locator('#last-update').textContent()).toContain(EN.requested);
          await stack.scrape(writer.username);
          await page.waitForFunction(
            (requested) =>
              !document.querySelector('#last-update')?.textContent?.includes(requested),
            EN.requested,
            { timeout: 15_000 },
          );
          await waitForView(page, 'dashboard');
          const after = (await page.locator('#last-update').textContent()) ?? '';
          expect(after).toMatch(/^Updated .* · next /);
          expect(await page.locator('#scrape-status').textContent()).toBe('Up to date');
          expect(await page.locator('#refresh-button').isDisabled()).toBe(false);
          expect(await page.locator('.banners .banner').count()).toBeLessThanOrEqual(1);
        });
      },
      BROWSER_TEST_MS,
    );
  }
});

describe('3. errors in the page’s language', () => {
  const bad = { accessToken: 'not-a-velog-token', refreshToken: 'not-one-either' };
  const signInWithBadTokens = async (page: Page) => {
    await page.goto(stack.url);
    await waitForView(page, 'sign-in');
    await page.fill('#token-access', bad.accessToken);
    await page.fill('#token-refresh', bad.refreshToken);
    await page.click('.token-form button[type="submit"]');
    const error = page.locator('.token-form .error');
    await error.waitFor();
    return error;
  };

  it(
    'shows a Korean page Korean words only, the code as a small detail',
    async () => {
      const direct = await fetch(`${stack.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bad),
      });
      const envelope = (await direct.json()) as { error: { code: string; message: string } };
      await withPage('ko', async (page) => {
        const error = await signInWithBadTokens(page);
        expect(await error.getAttribute('data-error-code')).toBe(envelope.error.code);
        const text = (await error.textContent()) ?? '';
        expect(text).toContain('velog가 이 토큰을 받지 않았습니다');
        expect(text).not.toContain(envelope.error.message);
        expect(await error.locator('.error-detail').textContent()).toBe(
          `코드: ${envelope.error.code}`,
        );
        // Apart from the code and names like velog, no English word is left.
        const words = text.replace(envelope.error.code, '').match(/[A-Za-z]{3,}/g) ?? [];
        expect(words.filter((word) => !/^(velog|access|token)$/i.test(word))).toEqual([]);
      });
    },
    BROWSER_TEST_MS,
  );

  it(
    'gives an English page English words for the same code',
    async () => {
      await withPage('en', async (page) => {
        const error = await signInWithBadTokens(page);
        expect(await error.textContent()).toContain('velog did not accept these tokens.');
      });
    },
    BROWSER_TEST_MS,
  );

  for (const lang of ['ko', 'en'] as const) {
    it(
      `answers a code it does not know with generic words of its own (${lang})`,
      async () => {
        await withPage(lang, async (page) => {
          // A newer server's code this page has never heard of, with an English message.
          await page.route('**/api/auth/demo', (route) =>
            route.fulfill({
              status: 418,
              contentType: 'application/json',
              body: JSON.stringify({
                error: { code: 'brand-new-code', message: 'An English sentence.' },
              }),
            }),
          );
          await page.goto(stack.url);
          await waitForView(page, 'sign-in');
          await page.click('#demo-button');
          const error = page.locator('#demo-status .error');
          await error.waitFor();
          const text = (await error.textContent()) ?? '';
          expect(text).not.toContain('An English sentence');
          expect(text).toContain(lang === 'ko' ? '문제가 생겼습니다.' : 'Something went wrong.');
          expect(text).toContain('brand-new-code');
        });
      },
      BROWSER_TEST_MS,
    );
  }
});

describe('4. Korean words and labels', () => {
  it(
    'keeps Korean words whole and says 최신 상태 and 글 수',
    async () => {
      await withPage('ko', async (page) => {
        await openDemo(page);
        const wordBreak = (selector: string) =>
          page.$eval(selector, (element) => getComputedStyle(element).wordBreak);
        expect(await wordBreak('.banner')).toBe('keep-all');
        expect(await wordBreak('#card-posts .card-label')).toBe('keep-all');
        expect(await page.locator('#scrape-status').textContent()).toBe('최신 상태');
        expect(await page.locator('#card-posts .card-label').textContent()).toBe('글 수');

        await page.click('#lang-toggle');
        await page.waitForSelector('html[lang="en"]');
        await waitForView(page, 'dashboard');
        expect(await wordBreak('.banner')).toBe('normal');
        expect(await page.locator('#scrape-status').textContent()).toBe('Up to date');
        expect(await page.locator('#card-posts .card-label').textContent()).toBe('Posts');
      });
    },
    BROWSER_TEST_MS,
  );
});

describe('5. the view in the URL', () => {
  it(
    'restores range, sort, search and page on reload and on a shared link; titles and focus follow',
    async () => {
      await withPage('ko', async (page, context) => {
        await openDemo(page);
        expect(await page.title()).toBe('대시보드 — Velog Insights');
        await page.click('button[data-preset="90"]');
        await page.waitForSelector('#chart-views[data-days="90"]');
        await waitForView(page, 'dashboard');
        // The pressed preset keeps the focus, though the view was drawn again.
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-preset'))).toBe(
          '90',
        );
        await settledTable(page);
        await page.click('button[data-sort="views"]');
        await page.waitForSelector('th[aria-sort="descending"] button[data-sort="views"]');
        await settledTable(page);
        await page.click('#posts-next');
        await page.waitForFunction(() => location.hash.includes('page=2'));
        await settledTable(page);
        const ids = await tableIds(page);
        const pageText = await page.locator('#posts-page').textContent();
        expect(page.url()).toMatch(/#\/\?range=90&sort=views&page=2$/);

        const sameView = async (where: Page) => {
          await settledTable(where);
          expect(await where.locator('button[data-preset="90"]').getAttribute('aria-pressed')).toBe(
            'true',
          );
          expect(
            await where.locator('th[aria-sort="descending"] button[data-sort="views"]').isVisible(),
          ).toBe(true);
          expect(await tableIds(where)).toEqual(ids);
          expect(await where.locator('#posts-page').textContent()).toBe(pageText);
        };
        await page.reload();
        await waitForView(page, 'dashboard');
        await sameView(page);

        // A link shared with someone else (here a second tab of the same session).
        const shared = await context.newPage();
        await shared.goto(page.url());
        await waitForView(shared, 'dashboard');
        await sameView(shared);
        await shared.close();

        // Back goes to page 1 of the same listing.
        await page.goBack();
        await page.waitForFunction(() => !location.hash.includes('page=2'));
        await settledTable(page);
        expect(await page.locator('#posts-prev').isDisabled()).toBe(true);

        // Search is in the URL too, without a history entry per letter.
        const title = (await page.locator('#posts-table .post-link').first().textContent()) ?? '';
        const word = title.split(/\s+/)[0] ?? title;
        await page.fill('#posts-search', word);
        await page.waitForFunction(
          (q) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === q,
          word,
        );
        await settledTable(page);
        await page.reload();
        await waitForView(page, 'dashboard');
        await settledTable(page);
        expect(await page.locator('#posts-search').inputValue()).toBe(word);
        for (const text of await page.$$eval('#posts-table .post-link', (links) =>
          links.map((link) => link.textContent ?? ''),
        ))
          expect(text.toLowerCase()).toContain(word.toLowerCase());

        // A post carries the range; its title names it; focus lands on its heading.
        const link = page.locator('#posts-table .post-link').first();
        const postTitle = (await link.textContent()) ?? '';
        await link.click();
        await waitForView(page, 'post');
        expect(page.url()).toMatch(/#\/posts\/[^?]+\?range=90$/);
        expect(await page.title()).toBe(`${postTitle} — Velog Insights`);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('post-title');
        expect(await page.locator('button[data-preset="90"]').getAttribute('aria-pressed')).toBe(
          'true',
        );
        const postUrl = page.url();
        await page.reload();
        await waitForView(page, 'post');
        expect(await page.locator('button[data-preset="90"]').getAttribute('aria-pressed')).toBe(
          'true',
        );
        expect(page.url()).toBe(postUrl);

        await page.click('#back-link');
        await waitForView(page, 'dashboard');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('dashboard-title');
        expect(await page.title()).toBe('대시보드 — Velog Insights');
        expect(await page.locator('button[data-preset="90"]').getAttribute('aria-pressed')).toBe(
          'true',
        );
      });
    },
    BROWSER_TEST_MS * 2,
  );

  it(
    'names the views in English too',
    async () => {
      await withPage('en', async (page) => {
        await openDemo(page);
        expect(await page.title()).toBe('Dashboard — Velog Insights');
        await settledTable(page);
        const link = page.locator('#posts-table .post-link').first();
        const postTitle = (await link.textContent()) ?? '';
        await link.click();
        await waitForView(page, 'post');
        expect(await page.title()).toBe(`${postTitle} — Velog Insights`);
      });
    },
    BROWSER_TEST_MS,
  );
});

describe('6. the demo while it is still being prepared', () => {
  for (const lang of ['ko', 'en'] as const) {
    it(
      `waits with a visible notice and opens by itself once ready (${lang})`,
      async () => {
        const finished = (await stack.models.User.findById('demo').lean())?.scrape.lastFinishedAt;
        expect(finished).toBeTruthy();
        // As right after a first start: the writer is there, its history not finished yet.
        await stack.models.User.updateOne(
          { _id: 'demo' },
          { $unset: { 'scrape.lastFinishedAt': 1 } },
        );
        try {
          await withPage(lang, async (page) => {
            let attempts = 0;
            page.on('response', (response) => {
              if (response.url().endsWith('/api/auth/demo')) attempts += 1;
            });
            await page.goto(stack.url);
            await waitForView(page, 'sign-in');
            await page.click('#demo-button');
            const button = page.locator('#demo-button[aria-busy="true"]');
            await button.waitFor();
            expect(await button.textContent()).toBe(
              lang === 'ko' ? '데모 준비 중…' : 'Preparing the demo…',
            );
            expect(await button.isDisabled()).toBe(true);
            expect(await page.locator('#demo-status').textContent()).toContain(
              lang === 'ko' ? '데모를 준비하는 중' : 'Preparing the demo',
            );
            expect(await page.locator('.error').count()).toBe(0);
            expect(attempts).toBeGreaterThanOrEqual(1);

            await stack.models.User.updateOne(
              { _id: 'demo' },
              { $set: { 'scrape.lastFinishedAt': finished } },
            );
            await waitForView(page, 'dashboard');
            expect(await page.locator('#banner-demo').isVisible()).toBe(true);
          });
        } finally {
          await stack.models.User.updateOne(
            { _id: 'demo' },
            { $set: { 'scrape.lastFinishedAt': finished } },
          );
        }
      },
      BROWSER_TEST_MS,
    );
  }
});

describe('7. the smaller points', () => {
  it(
    'explains on "All" why velog’s total is larger than the chart’s (ko and en)',
    async () => {
      const { fake } = stack;
      const writer = fake.addUser({ username: 'tracked-late', displayName: 'Late' });
      // Read 1,000 times before we were told of it; then 25 more reads, one day later.
      const post = fake.addPost({
        userId: writer.id,
        title: 'older post',
        views: 1000,
        likes: 3,
        releasedAt: new Date(Date.now() - 30 * 86_400_000),
      });
      await withPage('ko', async (page) => {
        await page.goto(`${stack.url}/#/?range=all`);
        await waitForView(page, 'sign-in');
        const tokens = fake.mintTokens(writer.id);
        await page.fill('#token-access', tokens.accessToken);
        await page.fill('#token-refresh', tokens.refreshToken);
        await page.click('.token-form button[type="submit"]');
        await waitForView(page, 'dashboard');
        await stack.scrape(writer.username, new Date(Date.now() - 86_400_000));
        fake.setViews(post.id, 1025);
        await stack.scrape(writer.username);
        await page.reload();
        await waitForView(page, 'dashboard');
        expect(await page.locator('button[data-preset="all"]').getAttribute('aria-pressed')).toBe(
          'true',
        );
        const range = await shownRange(page);
        const summary = SummaryResponse.parse(
          await apiGet(page, `/api/summary?from=${range.from}&to=${range.to}`),
        );
        expect(summary.totals.views).toBe(1025);
        expect(summary.period.views).toBe(25);
        expect(Number(await page.locator('#chart-views-total').getAttribute('data-total'))).toBe(
          25,
        );
        const note = page.locator('#total-note');
        expect(await note.isVisible()).toBe(true);
        expect(await note.getAttribute('data-before')).toBe('1000');
        expect(await note.textContent()).toContain('1,025');
        expect(await note.textContent()).toContain('첫 기록');
        await page.click('#lang-toggle');
        await page.waitForSelector('html[lang="en"]');
        await waitForView(page, 'dashboard');
        expect(await page.locator('#total-note').textContent()).toContain(
          'includes 1,000 views from before our first snapshot',
        );
      });
    },
    BROWSER_TEST_MS,
  );

  it(
    'says nothing when the totals agree, as the demo’s do on "All", or for a later range',
    async () => {
      await withPage('en', async (page) => {
        await openDemo(page, '#/?range=all');
        const range = await shownRange(page);
        const summary = SummaryResponse.parse(
          await apiGet(page, `/api/summary?from=${range.from}&to=${range.to}`),
        );
        expect(summary.period.views).toBe(summary.totals.views);
        expect(await page.locator('#total-note').count()).toBe(0);
        // A range that starts after tracking began is a part, not the whole: nothing to explain.
        await page.click('button[data-preset="7"]');
        await page.waitForSelector('#chart-views[data-days="7"]');
        await waitForView(page, 'dashboard');
        expect(await page.locator('#total-note').count()).toBe(0);
      });
    },
    BROWSER_TEST_MS,
  );

  for (const lang of ['ko', 'en'] as const) {
    it(
      `hides tokens as they are typed, with a show/hide toggle (${lang})`,
      async () => {
        await withPage(lang, async (page) => {
          await page.goto(stack.url);
          await waitForView(page, 'sign-in');
          const input = page.locator('#token-access');
          expect(await input.getAttribute('type')).toBe('password');
          expect(await page.locator('#token-refresh').getAttribute('type')).toBe('password');
          const toggle = page.locator('#token-access-reveal');
          expect(await toggle.getAttribute('aria-controls')).toBe('token-access');
          expect(await toggle.getAttribute('aria-label')).toBe(
            lang === 'ko' ? 'access_token 보기' : 'Show access_token',
          );
          await toggle.click();
          expect(await input.getAttribute('type')).toBe('text');
          expect(await toggle.textContent()).toBe(lang === 'ko' ? '숨기기' : 'Hide');
          expect(await toggle.getAttribute('aria-label')).toBe(
            lang === 'ko' ? 'access_token 숨기기' : 'Hide access_token',
          );
          await toggle.press('Enter');
          expect(await input.getAttribute('type')).toBe('password');
          expect(await toggle.getAttribute('aria-label')).toBe(
            lang === 'ko' ? 'access_token 보기' : 'Show access_token',
          );
        });
      },
      BROWSER_TEST_MS,
    );
  }

  it(
    'sorts a first day’s table by total views, not by a column of “—”',
    async () => {
      const { fake } = stack;
      const writer = fake.addUser({ username: 'brand-new-writer', displayName: 'New' });
      // Published before today: their views came before our first snapshot, so the range has
      // no gain for any of them yet (a post published today would gain from zero).
      for (const [index, views] of [5, 300, 42].entries())
        fake.addPost({
          userId: writer.id,
          title: `post ${index}`,
          views,
          likes: 0,
          releasedAt: new Date(Date.now() - (index + 2) * 86_400_000),
        });
      await withPage('en', async (page) => {
        await page.goto(stack.url);
        await waitForView(page, 'sign-in');
        const tokens = fake.mintTokens(writer.id);
        await page.fill('#token-access', tokens.accessToken);
        await page.fill('#token-refresh', tokens.refreshToken);
        await page.click('.token-form button[type="submit"]');
        await waitForView(page, 'dashboard');
        await stack.scrape(writer.username);
        await page.waitForSelector('#banner-first-day');
        await settledTable(page);
        const periods = await page.$$eval('#posts-table td[data-col="periodViews"]', (cells) =>
          cells.map((cell) => cell.getAttribute('data-value')),
        );
        expect(periods).toEqual(['', '', '']);
        expect(
          await page.locator('th[aria-sort="descending"] button[data-sort="views"]').isVisible(),
        ).toBe(true);
        const views = await page.$$eval('#posts-table td[data-col="views"]', (cells) =>
          cells.map((cell) => Number(cell.getAttribute('data-value'))),
        );
        expect(views).toEqual([300, 42, 5]);
        // The URL stays plain: the fallback is the page's choice, not the reader's.
        expect(page.url()).not.toContain('sort=');
      });
    },
    BROWSER_TEST_MS,
  );

  for (const lang of ['ko', 'en'] as const) {
    it(
      `says in visible text why the demo cannot be refreshed (${lang})`,
      async () => {
        await withPage(lang, async (page) => {
          await openDemo(page);
          const button = page.locator('#refresh-button');
          expect(await button.isDisabled()).toBe(true);
          const reason = page.locator(`#${await button.getAttribute('aria-describedby')}`);
          expect(await reason.isVisible()).toBe(true);
          expect(await reason.textContent()).toBe(
            lang === 'ko'
              ? '데모 블로그는 업데이트하지 않습니다.'
              : 'The demo blog is not refreshed.',
          );
        });
      },
      BROWSER_TEST_MS,
    );
  }
});

describe('build 5. a post’s likes beside its views', () => {
  it(
    'draws the likes per day of a post, on the same KST days as its views',
    async () => {
      await withPage('ko', async (page) => {
        await openDemo(page);
        await settledTable(page);
        await page.locator('#posts-table .post-link').first().click();
        await waitForView(page, 'post');
        const views = page.locator('#post-chart-views');
        const likes = page.locator('#post-chart-likes');
        expect(await likes.getAttribute('data-from')).toBe(await views.getAttribute('data-from'));
        expect(await likes.getAttribute('data-to')).toBe(await views.getAttribute('data-to'));
        expect(await page.locator('#post-chart-likes-title').textContent()).toBe('일별 좋아요');
        const inked = await page.$eval('#post-chart-likes-canvas', (element) => {
          const canvas = element as HTMLCanvasElement;
          const context = canvas.getContext('2d');
          if (!context || canvas.width === 0) return 0;
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let count = 0;
          for (let alpha = 3; alpha < data.length; alpha += 4) if ((data[alpha] ?? 0) > 0) count++;
          return count / (canvas.width * canvas.height);
        });
        expect(inked).toBeGreaterThan(0.01);
      });
    },
    BROWSER_TEST_MS,
  );
});

describe('the range total and the table agree', () => {
  it(
    'gives, for every preset, a chart whose drawn days and stated total equal the table’s period column summed',
    async () => {
      await withPage('en', async (page) => {
        await openDemo(page);
        for (const preset of ['7', '30', '90', '365', 'all']) {
          await page.click(`button[data-preset="${preset}"]`);
          await page.waitForFunction(
            (p) =>
              document.querySelector(`button[data-preset="${p}"]`)?.getAttribute('aria-pressed') ===
              'true',
            preset,
          );
          await waitForView(page, 'dashboard');
          await settledTable(page);
          const chartTotal = Number(
            await page.locator('#chart-views-total').getAttribute('data-total'),
          );
          // Through the table as the reader pages it, to the last page.
          let sum = 0;
          let rows = 0;
          for (;;) {
            const cells = await page.$$eval('#posts-table td[data-col="periodViews"]', (found) =>
              found.map((cell) => cell.getAttribute('data-value') ?? ''),
            );
            rows += cells.length;
            sum += cells.reduce((total, value) => total + (value === '' ? 0 : Number(value)), 0);
            if (await page.locator('#posts-next').isDisabled()) break;
            const before = await page.locator('#posts-page').textContent();
            await page.click('#posts-next');
            await page.waitForFunction(
              (text) => document.querySelector('#posts-page')?.textContent !== text,
              before,
            );
            await settledTable(page);
          }
          const range = await shownRange(page);
          const listed = PostListResponse.parse(
            await apiGet(page, `/api/posts?from=${range.from}&to=${range.to}&limit=1`),
          );
          expect(rows, preset).toBe(listed.total);
          expect(sum, preset).toBe(chartTotal);
          // What the bars draw: each day's gain, and each gap's growth spread over its days —
          // those that opened inside the range, as the table counts them.
          const daily = DailyResponse.parse(
            await apiGet(page, `/api/stats/daily?from=${range.from}&to=${range.to}`),
          );
          const beforeRange = addKstDays(KstDate.parse(range.from), -1);
          let drawn = 0;
          for (const day of daily.days) {
            drawn += day.views ?? 0;
            if (day.gap && addKstDays(day.day, -day.gap.days) >= beforeRange)
              drawn += day.gap.views ?? 0;
          }
          expect(drawn, preset).toBe(sum);
        }
      });
    },
    BROWSER_TEST_MS * 2,
  );
});

describe('build 7. the export', () => {
  for (const lang of ['ko', 'en'] as const) {
    it(
      `says the JSON export is being prepared until the file is handed over (${lang})`,
      async () => {
        await withPage(lang, async (page) => {
          await openDemo(page, '#/?range=all');
          // The export is held at the server's door until the test has seen the button wait.
          let release: () => void = () => {};
          const held = new Promise<void>((resolve) => {
            release = resolve;
          });
          await page.route('**/api/export?format=json*', async (route) => {
            await held;
            await route.continue();
          });
          const downloaded = page.waitForEvent('download');
          await page.click('#export-json');
          const button = page.locator('#export-json[aria-busy="true"]');
          await button.waitFor();
          expect(await button.textContent()).toBe(
            lang === 'ko' ? '내보낼 파일 준비 중…' : 'Preparing the export…',
          );
          release();
          const download = await downloaded;
          const range = await shownRange(page);
          expect(download.suggestedFilename()).toBe(
            `velog-insights-${range.from}-${range.to}.json`,
          );
          const body = JSON.parse(await readFile(await download.path(), 'utf8')) as {
            rows: unknown[];
          };
          expect(body.rows.length).toBeGreaterThan(0);
          await page.waitForSelector('#export-json:not([aria-busy])');
          expect(await page.locator('#export-json').textContent()).toBe(
            lang === 'ko' ? 'JSON 내려받기' : 'Download JSON',
          );
        });
      },
      BROWSER_TEST_MS,
    );
  }

  it(
    'leaves the streamed CSV a plain download, which the browser shows progress for',
    async () => {
      await withPage('ko', async (page) => {
        await openDemo(page, '#/?range=all');
        const range = await shownRange(page);
        const link = page.locator('#export-csv');
        expect(await link.getAttribute('download')).toBe('');
        const href = (await link.getAttribute('href')) ?? '';
        expect(href).toBe(`/api/export?format=csv&from=${range.from}&to=${range.to}`);
        const downloaded = page.waitForEvent('download');
        await link.click();
        const download = await downloaded;
        expect(download.suggestedFilename()).toBe(`velog-insights-${range.from}-${range.to}.csv`);
        const csv = await readFile(await download.path(), 'utf8');
        expect(csv.split('\n').length).toBeGreaterThan(2);
      });
    },
    BROWSER_TEST_MS,
  );
});
