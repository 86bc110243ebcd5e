import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '@velog-insights/testkit';
import { marked } from 'marked';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.js';

const db = useTestDatabase();
let stack: Stack;
const BROWSER_TEST_MS = 60_000;
const USERNAME = 'share-writer';
let writerId: string;

beforeAll(async () => {
  stack = await startStack(db.connection);
  const writer = stack.fake.addUser({ username: USERNAME, displayName: '공유 <&"> 작가' });
  writerId = writer.id;
  for (const [index, views] of [120, 45].entries()) {
    stack.fake.addPost({
      userId: writer.id,
      title: `글 ${index + 1}`,
      views,
      likes: index + 1,
      releasedAt: new Date(Date.now() - (index + 2) * 86_400_000),
    });
  }
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(stack.url);
  await page.waitForSelector('#app[data-ready="sign-in"]');
  const tokens = stack.fake.mintTokens(writerId);
  await page.fill('#token-access', tokens.accessToken);
  await page.fill('#token-refresh', tokens.refreshToken);
  await page.click('#token-access >> xpath=ancestor::form//button[@type="submit"]');
  await page.waitForSelector('#app[data-ready="dashboard"]');
}

async function openSettings(page: Page): Promise<void> {
  await page.click('#settings-link');
  await page.waitForSelector('#app[data-ready="settings"]');
}

/** A page of someone else's: the Share panel's Markdown rendered to HTML, on another origin. */
async function serveMarkdown(markdown: string): Promise<{ url: string; server: Server }> {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>README</title></head><body><article>${await marked.parse(markdown)}</article></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // `localhost`, not 127.0.0.1: another site than the API's, as a velog post or README is.
  return { url: `http://localhost:${port}/`, server };
}

describe('the Share panel', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await stack.browser.newContext({ locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it(
    'turns the card on from the keyboard, copies its Markdown, and the card loads in a Markdown page',
    async () => {
      await signIn(page);
      // One worker pass, so the card has figures to show.
      await stack.scrape(USERNAME);
      await openSettings(page);
      expect(await page.locator('#share-off').isVisible()).toBe(true);
      expect(await page.locator('#share-preview').count()).toBe(0);

      // Keyboard only: focus the box, tick it with Space, submit with Enter on Save.
      await page.focus('#settings-card');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#settings-card')).toBe(true);
      await page.focus('#settings-save');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#settings-status:has-text("Saved.")');

      const markdown = await page.inputValue('#share-markdown');
      // The alt text is in the writer's settings language (Korean until they choose).
      expect(markdown).toBe(
        `[![벨로그 통계](${stack.url}/card/${USERNAME}.svg)](https://velog.io/@${USERNAME})`,
      );
      await page.click('#share-copy');
      await page.waitForSelector('#share-status:has-text("Copied.")');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);

      // The preview is the real card.
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('#share-preview');
        return img?.complete === true && img.naturalWidth > 0;
      });

      const readme = await serveMarkdown(markdown);
      try {
        const other = await context.newPage();
        await other.goto(readme.url);
        const img = other.locator('article a img');
        expect(await img.getAttribute('src')).toBe(`${stack.url}/card/${USERNAME}.svg`);
        expect(await other.locator('article a').getAttribute('href')).toBe(
          `https://velog.io/@${USERNAME}`,
        );
        await other.waitForFunction(() => {
          const image = document.querySelector<HTMLImageElement>('article a img');
          return image?.complete === true;
        });
        const size = await img.evaluate((element) => ({
          width: (element as HTMLImageElement).naturalWidth,
          height: (element as HTMLImageElement).naturalHeight,
        }));
        expect(size).toEqual({ width: 480, height: 140 });
        await other.close();
      } finally {
        await new Promise((resolve) => readme.server.close(resolve));
      }
    },
    BROWSER_TEST_MS,
  );
});

describe('the settings, in Korean and in English', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await stack.browser.newContext({ locale: 'ko-KR' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it(
    'saves alerts, an address and a webhook, shows the secret, and says it all in both languages',
    async () => {
      await signIn(page);
      expect(await page.locator('#settings-link').textContent()).toBe('공유와 알림');
      await openSettings(page);
      expect(await page.locator('#settings-form legend').allTextContents()).toEqual([
        '공개',
        '알림',
        '받을 곳',
      ]);
      await page.check('#alert-milestones');
      await page.check('#settings-digest');
      await page.selectOption('#settings-lang', 'en');
      await page.fill('#settings-email', 'writer@example.com');
      await page.fill('#settings-webhook', 'http://127.0.0.1:9/hook');
      await page.click('#settings-save');
      await page.waitForSelector('#settings-status:has-text("저장했어요.")');
      expect(await page.getAttribute('#email-state', 'data-state')).toBe('unverified');
      expect(await page.textContent('#email-state')).toContain('아직 확인 전');

      await page.click('#webhook-secret-show');
      await page.waitForSelector('#webhook-secret:not(:empty)');
      const secret = (await page.textContent('#webhook-secret')) ?? '';
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      await page.click('#webhook-secret-rotate');
      await page.waitForFunction((old) => {
        const text = document.querySelector('#webhook-secret')?.textContent ?? '';
        return text !== old && /^[0-9a-f]{64}$/.test(text);
      }, secret);

      // A bad address is refused in the page's own words (Korean here), and nothing is lost.
      await page.fill('#settings-webhook', 'ftp://example.com/');
      await page.click('#settings-save');
      await page.waitForSelector('#settings-status [data-error-code="invalid-request"]');
      expect(await page.locator('#settings-status [data-error-code]').textContent()).not.toMatch(
        /[A-Za-z]{4,} [A-Za-z]{4,}/,
      );

      await page.click('#lang-toggle');
      await page.waitForSelector('#app[data-ready="settings"]');
      expect(await page.locator('#settings-link').textContent()).toBe('Share & alerts');
      expect(await page.locator('#settings-form legend').allTextContents()).toEqual([
        'Public',
        'Alerts',
        'Where to send them',
      ]);
      expect(await page.textContent('#email-state')).toContain('Not verified yet');
      // What was saved is what the page shows after a reload.
      expect(await page.isChecked('#alert-milestones')).toBe(true);
      expect(await page.isChecked('#settings-digest')).toBe(true);
      expect(await page.isChecked('#alert-spike')).toBe(false);
      expect(await page.inputValue('#settings-webhook')).toBe('http://127.0.0.1:9/hook');
      expect(await page.inputValue('#settings-lang')).toBe('en');
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets the demo look but not change',
    async () => {
      const demo = await stack.browser.newContext({ locale: 'en-US' });
      try {
        const demoPage = await demo.newPage();
        await demoPage.goto(stack.url);
        await demoPage.waitForSelector('#app[data-ready="sign-in"]');
        await demoPage.click('#demo-button');
        await demoPage.waitForSelector('#app[data-ready="dashboard"]');
        await openSettings(demoPage);
        expect(await demoPage.locator('#settings-demo').isVisible()).toBe(true);
        expect(await demoPage.isDisabled('#settings-save')).toBe(true);
        expect(await demoPage.isDisabled('#settings-card')).toBe(true);
      } finally {
        await demo.close();
      }
    },
    BROWSER_TEST_MS,
  );
});
