import {
  DailyResponse,
  HighlightsResponse,
  LaunchResponse,
  SummaryResponse,
  TagsResponse,
} from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChange } from '../src/format.js';
import type { Lang } from '../src/i18n.js';
import { formatDayWithWeekday } from '../src/views/period-labels.js';
import { PHONE, type Stack, startStack } from './stack.js';

/*
 * The insights of issue 13 in a real Chromium, on the demo writer: each section shows the
 * figures its API computed, in Korean and in English.
 */
const db = useTestDatabase();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack(db.connection);
}, 90_000);

afterAll(async () => {
  await stack?.close();
});

const BROWSER_TEST_MS = 45_000;

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

describe.each([
  {
    lang: 'ko' as Lang,
    locale: 'ko-KR',
    text: {
      wow: '주간 비교 (월–일)',
      todayExcluded: '오늘 제외',
      launch: '발행 후 경과일별 조회수 비교',
      daily: '일별',
      bestDay: '가장 많이 읽힌 날',
      tags: '태그별 조회수와 좋아요',
      series: '시리즈',
      noTag: '태그 없음',
    },
  },
  {
    lang: 'en' as Lang,
    locale: 'en-US',
    text: {
      wow: 'Week over week (Mon–Sun)',
      todayExcluded: 'today not counted',
      launch: 'Launch curves: views by days since publication',
      daily: 'Per day',
      bestDay: 'Best day',
      tags: 'Views and likes by tag',
      series: 'series',
      noTag: 'no tag',
    },
  },
])('the insights of the demo in $lang', ({ lang, locale, text }) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await stack.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale,
      // Far from Seoul, so a day taken from the browser's own zone would show.
      timezoneId: 'America/Los_Angeles',
    });
    page = await context.newPage();
    await page.goto(stack.url);
    await page.waitForSelector('#app[data-ready="sign-in"]');
    await page.click('#demo-button');
    await page.waitForSelector('#app[data-ready="dashboard"]');
  }, BROWSER_TEST_MS);

  afterAll(async () => {
    await context?.close();
  });

  it(
    'compares calendar weeks and months, naming the days compared',
    async () => {
      const summary = SummaryResponse.parse(await apiGet(page, '/api/summary'));
      for (const [card, comparison] of [
        ['week-over-week', summary.weekOverWeek],
        ['month-over-month', summary.monthOverMonth],
      ] as const) {
        const element = page.locator(`#card-${card}`);
        expect(await element.getAttribute('data-value')).toBe(
          comparison.change === null ? '' : String(comparison.change),
        );
        expect(await element.locator('.card-value').textContent()).toBe(
          formatChange(comparison.change, lang),
        );
        const detail = (await element.locator('.card-detail').textContent()) ?? '';
        for (const day of [comparison.current.from, comparison.previous.from]) {
          expect(detail).toContain(formatDayWithWeekday(day, lang));
        }
        expect(detail).toContain(text.todayExcluded);
        // Neither side reaches today: its day is not over.
        expect(comparison.current.to < summary.today).toBe(true);
      }
      expect(await page.locator('#card-week-over-week .card-label').textContent()).toBe(text.wow);
    },
    BROWSER_TEST_MS,
  );

  it(
    'lays the latest five posts over the median by days since publication',
    async () => {
      await page.waitForSelector('#launch-chart');
      expect(await page.locator('#launch-title').textContent()).toBe(text.launch);
      const launch = LaunchResponse.parse(await apiGet(page, '/api/insights/launch?days=30'));
      const chart = page.locator('#launch-chart');
      expect(await chart.getAttribute('data-selection')).toBe('latest');
      expect(await chart.getAttribute('data-posts')).toBe(
        launch.posts.map((post) => post.postId).join(','),
      );
      expect(await inkedShare(page, '#launch-canvas')).toBeGreaterThan(0.01);

      await page.click(`#launch .launch-controls button[data-curve="daily"]`);
      await page.waitForSelector('#launch-chart[data-curve="daily"]');
      expect(await page.locator('#launch button[data-curve="daily"]').textContent()).toBe(
        text.daily,
      );

      // Choosing one more post adds its curve; "my last 5" goes back.
      await page.click('#launch details summary');
      const extraId =
        (await page
          .locator('#launch-picker input[type="checkbox"]:not(:checked)')
          .first()
          .getAttribute('value')) ?? '';
      await page.locator(`#launch-picker input[value="${extraId}"]`).click();
      await page.waitForSelector('#launch-chart[data-selection="chosen"]');
      expect((await chart.getAttribute('data-posts'))?.split(',')).toContain(extraId);
      // The picker stayed open: the chosen post is ticked in the redrawn list.
      expect(await page.locator(`#launch-picker input[value="${extraId}"]`).isChecked()).toBe(true);
      // The selection and the curve are in the URL: a reload draws the same comparison.
      const hash = new URLSearchParams((await page.evaluate(() => location.hash)).split('?')[1]);
      expect(hash.getAll('compare')).toContain(extraId);
      expect(hash.get('curve')).toBe('daily');
      const chosen = await chart.getAttribute('data-posts');
      await page.reload();
      await page.waitForSelector('#launch-chart[data-selection="chosen"][data-curve="daily"]');
      expect(await chart.getAttribute('data-posts')).toBe(chosen);
      await page.click('#launch-latest');
      await page.waitForSelector('#launch-chart[data-selection="latest"]');
    },
    BROWSER_TEST_MS,
  );

  it(
    'names the best day with the daily chart’s figure, and the top gainers',
    async () => {
      await page.waitForSelector('#highlights-best-day p');
      const range = await shownRange(page);
      const query = `from=${range.from}&to=${range.to}`;
      const highlights = HighlightsResponse.parse(
        await apiGet(page, `/api/insights/highlights?${query}`),
      );
      const daily = DailyResponse.parse(await apiGet(page, `/api/stats/daily?${query}`));
      const most = Math.max(...daily.days.map((day) => day.views ?? -1));
      const best = page.locator('#highlights-best-day p');
      expect(await best.getAttribute('data-views')).toBe(String(most));
      expect(await best.getAttribute('data-day')).toBe(highlights.bestDay?.day);
      expect(await page.locator('#highlights-best-day h3').textContent()).toContain(text.bestDay);
      expect(
        await page.$$eval('#highlights-top li', (items) =>
          items.map((item) => item.getAttribute('data-post-id')),
        ),
      ).toEqual(highlights.topGainers.map((post) => post.postId));
    },
    BROWSER_TEST_MS,
  );

  it(
    'tabulates views by tag as the API sums them, sortable, and says series are not known',
    async () => {
      await page.waitForSelector('#tags-table');
      expect(await page.locator('#tags-title').textContent()).toBe(text.tags);
      expect(await page.locator('#tags-note').textContent()).toContain(text.series);
      const range = await shownRange(page);
      const tags = TagsResponse.parse(
        await apiGet(page, `/api/insights/tags?from=${range.from}&to=${range.to}`),
      );
      const shown = await page.$$eval('#tags-table tbody tr', (rows) =>
        rows.map((row) => [row.getAttribute('data-tag'), row.getAttribute('data-views')]),
      );
      expect(shown).toEqual(tags.tags.map((row) => [row.tag ?? '', String(row.views ?? '')]));
      await page.click('button[data-tag-sort="posts"]');
      await page.waitForSelector('th[aria-sort="descending"] button[data-tag-sort="posts"]');
      const posts = await page.$$eval('#tags-table tbody tr', (rows) =>
        rows.map((row) => Number(row.getAttribute('data-posts'))),
      );
      expect(posts).toEqual([...posts].sort((a, b) => b - a));
      expect(await inkedShare(page, '#tags-canvas')).toBeGreaterThan(0.01);
      if (tags.tags.some((row) => row.tag === null)) {
        expect(await page.locator('#tags-table').textContent()).toContain(text.noTag);
      }
    },
    BROWSER_TEST_MS,
  );
});

describe('the insights on a phone', () => {
  it(
    'fit 390 px without a horizontal scroll once every section has loaded',
    async () => {
      const context = await stack.browser.newContext(PHONE);
      try {
        const page = await context.newPage();
        await page.goto(stack.url);
        await page.waitForSelector('#app[data-ready="sign-in"]');
        await page.click('#demo-button');
        await page.waitForSelector('#app[data-ready="dashboard"]');
        await page.waitForSelector('#highlights-best-day p');
        await page.waitForSelector('#launch-chart');
        await page.waitForSelector('#tags-table');
        await page.click('#launch details summary');
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBe(0);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_MS,
  );
});
