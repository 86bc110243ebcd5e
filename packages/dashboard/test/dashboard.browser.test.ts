import {
  addKstDays,
  ExportRow,
  type KstDate,
  MeResponse,
  PostListResponse,
  Range,
  SummaryResponse,
} from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKstDateTime } from '../src/format.js';
import { PHONE, type Stack, startStack } from './stack.js';

const db = useTestDatabase();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack(db.connection);
}, 90_000);

afterAll(async () => {
  await stack?.close();
});

const BROWSER_TEST_MS = 45_000;

async function waitForView(page: Page, view: 'sign-in' | 'dashboard' | 'post'): Promise<void> {
  await page.waitForSelector(`#app[data-ready="${view}"]`);
}

/** A GET of the API from inside the page, so it carries the page's session cookie. */
async function apiGet(page: Page, path: string): Promise<unknown> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }, path);
}

async function shownRange(page: Page): Promise<{ from: string; to: string }> {
  const text = page.locator('#range-text');
  return {
    from: (await text.getAttribute('data-from')) ?? '',
    to: (await text.getAttribute('data-to')) ?? '',
  };
}

/** Share of the canvas's pixels that something was drawn on. */
async function inkedShare(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => {
    const canvas = element as HTMLCanvasElement;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let alpha = 3; alpha < data.length; alpha += 4) if ((data[alpha] ?? 0) > 0) inked += 1;
    return inked / (canvas.width * canvas.height);
  });
}

async function tableIds(page: Page): Promise<string[]> {
  return page.$$eval('#posts-table tbody tr', (rows) =>
    rows.map((row) => row.getAttribute('data-post-id') ?? ''),
  );
}

describe('the demo, on a laptop in Korean', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await stack.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ko-KR',
      colorScheme: 'light',
      // Far from Seoul, so a day or time taken from the browser's own zone would show.
      timezoneId: 'America/Los_Angeles',
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it(
    'signs in with one click and shows the figures the API computed',
    async () => {
      await page.goto(stack.url);
      await waitForView(page, 'sign-in');
      expect(await page.locator('html').getAttribute('lang')).toBe('ko');
      await page.click('#demo-button');
      await waitForView(page, 'dashboard');

      const range = await shownRange(page);
      const summary = SummaryResponse.parse(
        await apiGet(page, `/api/summary?from=${range.from}&to=${range.to}`),
      );
      expect(summary.to).toBe(summary.today);
      expect(range.to).toBe(summary.today);
      const me = MeResponse.parse(await apiGet(page, '/api/me'));
      expect(me.scrape.lastScrapeAt).not.toBeNull();
      expect(await page.locator('#last-update').textContent()).toContain(
        formatKstDateTime(me.scrape.lastScrapeAt ?? new Date(0)),
      );
      expect(summary.totals.posts).toBeGreaterThan(0);
      expect(summary.totals.views).toBeGreaterThan(0);
      const expected: Record<string, number | null> = {
        'total-views': summary.totals.views,
        'views-today': summary.viewsToday,
        'views-yesterday': summary.viewsYesterday,
        'views-7d': summary.last7Days.views,
        'views-30d': summary.last30Days.views,
        'week-over-week': summary.weekOverWeek.change,
        'total-likes': summary.totals.likes,
        'likes-today': summary.likesToday,
        posts: summary.totals.posts,
      };
      for (const [card, value] of Object.entries(expected)) {
        const element = page.locator(`#card-${card}`);
        expect(await element.getAttribute('data-value'), card).toBe(
          value === null ? '' : String(value),
        );
      }
      // What the reader sees is the same figure, grouped the Korean way.
      const totalViews = summary.totals.views ?? 0;
      expect(await page.locator('#card-total-views .card-value').textContent()).toBe(
        new Intl.NumberFormat('ko-KR').format(totalViews),
      );
      expect(await page.locator('#banner-demo').isVisible()).toBe(true);
    },
    BROWSER_TEST_MS,
  );

  it(
    'draws the daily chart on a KST axis',
    async () => {
      expect(await inkedShare(page, '#chart-views-canvas')).toBeGreaterThan(0.03);
      expect(await inkedShare(page, '#chart-likes-canvas')).toBeGreaterThan(0.03);
      expect(await page.locator('#chart-views-canvas').getAttribute('aria-label')).toContain('KST');
    },
    BROWSER_TEST_MS,
  );

  it(
    'sorts the posts by the views gained in the range, as the API orders them',
    async () => {
      await page.waitForSelector('#posts-table');
      const range = await shownRange(page);
      const sortedBy = async (order: 'asc' | 'desc') =>
        PostListResponse.parse(
          await apiGet(
            page,
            `/api/posts?from=${range.from}&to=${range.to}&sort=periodViews&order=${order}&limit=20`,
          ),
        ).items.map((item) => item.id);

      await page.click('button[data-sort="title"]');
      await page.waitForSelector('th[aria-sort="ascending"] button[data-sort="title"]');
      await page.click('button[data-sort="periodViews"]');
      await page.waitForSelector('th[aria-sort="descending"] button[data-sort="periodViews"]');
      expect(await tableIds(page)).toEqual(await sortedBy('desc'));
      // Focus stays on the column's button, so a keyboard user can sort again with Enter.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-sort'))).toBe(
        'periodViews',
      );
      await page.keyboard.press('Enter');
      await page.waitForSelector('th[aria-sort="ascending"] button[data-sort="periodViews"]');
      expect(await tableIds(page)).toEqual(await sortedBy('asc'));
    },
    BROWSER_TEST_MS,
  );

  it(
    'opens a post with its own figures and charts',
    async () => {
      const first = page.locator('#posts-table tbody tr').first();
      const postId = (await first.getAttribute('data-post-id')) ?? '';
      const range = await shownRange(page);
      const listed = PostListResponse.parse(
        await apiGet(
          page,
          `/api/posts?from=${range.from}&to=${range.to}&sort=periodViews&order=asc&limit=1`,
        ),
      ).items[0];
      expect(listed?.id).toBe(postId);

      await first.locator('.post-link').click();
      await waitForView(page, 'post');
      expect(page.url()).toContain(`#/posts/${postId}`);
      expect(await page.locator('#post-title').textContent()).toBe(listed?.title);
      expect(await page.locator('#card-post-views').getAttribute('data-value')).toBe(
        String(listed?.views ?? ''),
      );
      expect(await page.locator('#post-velog-link').getAttribute('href')).toBe(listed?.url);
      expect(await inkedShare(page, '#post-chart-views-canvas')).toBeGreaterThan(0.01);
    },
    BROWSER_TEST_MS,
  );

  it(
    'redraws the chart for another range preset',
    async () => {
      await page.click('#back-link');
      await waitForView(page, 'dashboard');
      const before = await page.$eval('#chart-views-canvas', (canvas) =>
        (canvas as HTMLCanvasElement).toDataURL(),
      );
      expect(await page.locator('#chart-views').getAttribute('data-days')).toBe('30');

      await page.click('button[data-preset="90"]');
      await page.waitForSelector('#chart-views[data-days="90"]');
      await waitForView(page, 'dashboard');
      const range = await shownRange(page);
      expect(range.from).toBe(addKstDays(range.to as KstDate, -89));
      expect(await page.locator('button[data-preset="90"]').getAttribute('aria-pressed')).toBe(
        'true',
      );
      const after = await page.$eval('#chart-views-canvas', (canvas) =>
        (canvas as HTMLCanvasElement).toDataURL(),
      );
      expect(after).not.toBe(before);
      expect(await inkedShare(page, '#chart-views-canvas')).toBeGreaterThan(0.03);
    },
    BROWSER_TEST_MS,
  );

  it(
    'switches to English and back, keeping the chosen range',
    async () => {
      expect(await page.locator('#chart-views-title').textContent()).toBe('일별 조회수');
      await page.click('#lang-toggle');
      await page.waitForSelector('html[lang="en"]');
      await waitForView(page, 'dashboard');
      expect(await page.locator('#chart-views-title').textContent()).toBe('Views per day');
      expect(await page.locator('#card-total-views .card-label').textContent()).toBe('Total views');
      expect(await page.locator('button[data-preset="90"]').getAttribute('aria-pressed')).toBe(
        'true',
      );

      await page.click('#lang-toggle');
      await page.waitForSelector('html[lang="ko"]');
      await waitForView(page, 'dashboard');
      expect(await page.locator('#chart-views-title').textContent()).toBe('일별 조회수');
    },
    BROWSER_TEST_MS,
  );

  it(
    'offers the shown range as CSV and JSON downloads',
    async () => {
      const range = await shownRange(page);
      const download = async (selector: string) => {
        const href = (await page.locator(selector).getAttribute('href')) ?? '';
        expect(href).toContain(`from=${range.from}`);
        expect(href).toContain(`to=${range.to}`);
        return page.evaluate(async (url) => {
          const response = await fetch(url, { credentials: 'same-origin' });
          return { type: response.headers.get('content-type') ?? '', body: await response.text() };
        }, href);
      };
      const json = await download('#export-json');
      expect(json.type).toContain('application/json');
      const exported = Range.extend({ rows: ExportRow.array() }).parse(JSON.parse(json.body));
      expect(exported.rows.length).toBeGreaterThan(0);
      expect(exported.rows.every((row) => row.day >= range.from && row.day <= range.to)).toBe(true);
      const csv = await download('#export-csv');
      expect(csv.type).toContain('text/csv');
      expect(csv.body.split('\n').length).toBeGreaterThan(exported.rows.length);
    },
    BROWSER_TEST_MS,
  );

  it(
    'signs out back to the sign-in screen',
    async () => {
      await page.click('#logout-button');
      await waitForView(page, 'sign-in');
      const status = await page.evaluate(async () => (await fetch('/api/me')).status);
      expect(status).toBe(401);
    },
    BROWSER_TEST_MS,
  );
});

describe('a writer with their own tokens', () => {
  let context: BrowserContext;
  let page: Page;
  let writerId: string;

  beforeAll(async () => {
    context = await stack.browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  const signInWith = async (
    prefix: 'token' | 'reauth',
    tokens: { accessToken: string; refreshToken: string },
  ) => {
    await page.fill(`#${prefix}-access`, tokens.accessToken);
    await page.fill(`#${prefix}-refresh`, tokens.refreshToken);
    await page.click(`#${prefix}-access >> xpath=ancestor::form//button[@type="submit"]`);
  };

  it(
    'signs in against velog and sees the first scrape arrive',
    async () => {
      const { fake } = stack;
      const writer = fake.addUser({ username: 'first-day-writer', displayName: '첫날 작가' });
      writerId = writer.id;
      const views = [120, 45, 8];
      for (const [index, count] of views.entries()) {
        fake.addPost({
          userId: writer.id,
          title: `첫 글 ${index + 1}`,
          views: count,
          likes: index,
          releasedAt: new Date(Date.now() - (index + 1) * 86_400_000),
        });
      }

      await page.goto(stack.url);
      await waitForView(page, 'sign-in');
      await signInWith('token', fake.mintTokens(writer.id));
      await waitForView(page, 'dashboard');
      expect(await page.locator('#user-name').textContent()).toBe('첫날 작가');
      expect(await page.locator('#banner-waiting').isVisible()).toBe(true);

      await stack.scrape('first-day-writer');
      // The page watches /api/me and fills in by itself once the worker has run.
      await page.waitForSelector('#banner-first-day', { timeout: 15_000 });
      await page.waitForSelector('#posts-table');
      expect(await tableIds(page)).toHaveLength(views.length);
      expect(await page.locator('#card-posts').getAttribute('data-value')).toBe('3');
      expect(await page.locator('#card-total-views').getAttribute('data-value')).toBe(
        String(views.reduce((sum, count) => sum + count, 0)),
      );
      // One snapshot gives no day's gain yet: the chart says so instead of drawing zeros.
      expect(await page.locator('#chart-views-empty').isVisible()).toBe(true);
    },
    BROWSER_TEST_MS,
  );

  it(
    'asks for fresh tokens once velog refuses the stored ones, and takes them in place',
    async () => {
      await stack.models.User.updateOne(
        { _id: writerId },
        { $set: { authStatus: 'reauth-required' } },
      );
      await page.reload();
      await waitForView(page, 'dashboard');
      const banner = page.locator('#banner-reauth');
      expect(await banner.isVisible()).toBe(true);
      expect(await page.locator('#reauth-access').isVisible()).toBe(true);
      expect(await page.locator('#scrape-status').textContent()).toBe('Paused: new tokens needed');
      // The history stays on screen under the banner.
      expect(await page.locator('#card-posts').getAttribute('data-value')).toBe('3');

      await signInWith('reauth', stack.fake.mintTokens(writerId));
      await page.waitForSelector('#banner-reauth', { state: 'detached' });
      await waitForView(page, 'dashboard');
      expect(await page.locator('#scrape-status').textContent()).toBe('Up to date');
    },
    BROWSER_TEST_MS,
  );
});

describe('a token velog refuses', () => {
  it(
    'explains a token velog refuses in the page’s words, not a blank page',
    async () => {
      const bad = { accessToken: 'not-a-velog-token', refreshToken: 'not-one-either' };
      const direct = await fetch(`${stack.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bad),
      });
      const envelope = (await direct.json()) as { error: { code: string; message: string } };
      expect(direct.status).toBe(401);

      const context = await stack.browser.newContext({ locale: 'en-US' });
      try {
        const page = await context.newPage();
        await page.goto(stack.url);
        await waitForView(page, 'sign-in');
        await page.fill('#token-access', bad.accessToken);
        await page.fill('#token-refresh', bad.refreshToken);
        await page.click('.token-form button[type="submit"]');
        const error = page.locator('.token-form .error');
        await error.waitFor();
        expect(await error.getAttribute('data-error-code')).toBe(envelope.error.code);
        // The page's own words for the code; the API's message is for logs, not for the reader.
        expect(await error.textContent()).toContain('velog did not accept these tokens.');
        expect(await error.textContent()).not.toContain(envelope.error.message);
        expect(await page.locator('#demo-button').isVisible()).toBe(true);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_MS,
  );
});

describe('on a phone', () => {
  it(
    'has no horizontal scroll at 390 px, on any screen',
    async () => {
      const context = await stack.browser.newContext(PHONE);
      try {
        const page = await context.newPage();
        const overflow = () =>
          page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        await page.goto(stack.url);
        await waitForView(page, 'sign-in');
        expect(await overflow()).toBe(0);
        await page.click('#demo-button');
        await waitForView(page, 'dashboard');
        await page.waitForSelector('#posts-table');
        expect(await page.evaluate(() => window.innerWidth)).toBe(390);
        expect(await overflow()).toBe(0);
        await page.locator('#posts-table .post-link').first().click();
        await waitForView(page, 'post');
        expect(await overflow()).toBe(0);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_MS,
  );
});
