/**
 * Writes docs/screenshot-desktop.png (English, light) and docs/screenshot-phone.png (Korean,
 * dark, 390 px) from the demo. The bundle's sizes are measured by `npm run bench`.
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
  const shots = [
    {
      file: 'screenshot-desktop.png',
      options: { viewport: { width: 1280, height: 900 }, locale: 'en-US', colorScheme: 'light' },
      fullPage: true,
    },
    {
      file: 'screenshot-phone.png',
      options: PHONE,
      fullPage: false,
    },
  ] as const;
  for (const shot of shots) {
    const context = await stack.browser.newContext(shot.options);
    const page = await context.newPage();
    await page.goto(stack.url);
    await page.click('#demo-button');
    await page.waitForSelector('#app[data-ready="dashboard"]');
    await page.waitForSelector('#posts-table');
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
