/**
 * Writes docs/screenshot-desktop.png (English, light, the whole dashboard with its insights),
 * docs/screenshot-phone.png (Korean, dark, 390 px), docs/screenshot-post.png (a post's views and
 * likes, Korean) and docs/screenshot-share.png (the Share panel and settings, English) from the
 * demo. Korean needs a CJK font on the machine (Debian: fonts-noto-cjk). The bundle's sizes are
 * measured by `npm run bench`.
 * Run: npm run screenshots -w @velog-insights/dashboard
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedDatabase } from '@velog-insights/embedded-db';
import mongoose from 'mongoose';
import { PHONE, startStack } from '../test/stack.js';

const docsDir = fileURLToPath(new URL('../../../docs', import.meta.url));

const database = await startEmbeddedDatabase({ log: (line) => console.error(line) });
const connection = await mongoose
  .createConnection(database.uri, { dbName: `screenshots_${Date.now()}` })
  .asPromise();
const stack = await startStack(connection);
try {
  const desktop = {
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    colorScheme: 'light',
  } as const;
  const shots = [
    { file: 'screenshot-desktop.png', options: desktop, hash: '#/', fullPage: true },
    { file: 'screenshot-phone.png', options: PHONE, hash: '#/', fullPage: false },
    {
      file: 'screenshot-post.png',
      options: { ...desktop, locale: 'ko-KR' },
      hash: 'first-post',
      fullPage: true,
    },
    { file: 'screenshot-share.png', options: desktop, hash: '#/settings', fullPage: true },
  ] as const;
  for (const shot of shots) {
    const context = await stack.browser.newContext(shot.options);
    const page = await context.newPage();
    await page.goto(stack.url);
    await page.click('#demo-button');
    await page.waitForSelector('#app[data-ready="dashboard"]');
    await page.waitForSelector('#posts-table');
    if (shot.hash === '#/') {
      // Every section loads its own figures: wait for each, so the picture is the page as read.
      for (const selector of ['#highlights-best-day p', '#launch-chart', '#tags-table'])
        await page.waitForSelector(selector);
    } else if (shot.hash === 'first-post') {
      await page.click('#posts-table tbody a');
      await page.waitForSelector('#app[data-ready="post"]');
    } else {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, shot.hash);
      await page.waitForSelector('#app[data-ready="settings"]');
      await page.waitForSelector('#share-title');
    }
    await page.screenshot({ path: join(docsDir, shot.file), fullPage: shot.fullPage });
    console.log(`wrote docs/${shot.file}`);
    await context.close();
  }
} finally {
  await stack.close();
  await connection.dropDatabase();
  await connection.close();
  await database.stop();
}
