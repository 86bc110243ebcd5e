import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiServer, createApp, createLogger, startApiServer } from '@velog-insights/api';
import { ensureDemoData } from '@velog-insights/demo';
import {
  ensureStoreIndexes,
  generateTokenKey,
  parseTokenKey,
  type StoreModels,
  storeModels,
} from '@velog-insights/store';
import { createVelogClient } from '@velog-insights/velog';
import { startVelogFake, type VelogFake } from '@velog-insights/velog-fake';
import { runCycle } from '@velog-insights/worker';
import type { Connection } from 'mongoose';
import { type Browser, chromium } from 'playwright-core';
import { buildDashboard } from '../src/index.js';

/**
 * The whole product on loopback for a real browser: the page built by Vite into a temporary
 * directory, the API serving it, the demo writer seeded, and a velog fake behind token sign-in.
 */
export interface Stack {
  url: string;
  /** Where this stack's build of the page lives (removed on close). */
  distDir: string;
  fake: VelogFake;
  browser: Browser;
  models: StoreModels;
  /**
   * One worker pass for one writer, as the scheduled worker would run it; `at` runs it at
   * another instant (a snapshot of an earlier KST day, say).
   */
  scrape(username: string, at?: Date): Promise<void>;
  close(): Promise<void>;
}

/** The phone the page must fit: 390 px wide, as the tests and the phone screenshot see it. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'ko-KR',
  colorScheme: 'dark',
} as const;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startStack(connection: Connection): Promise<Stack> {
  const now = () => new Date();
  const distDir = await mkdtemp(join(tmpdir(), 'velog-insights-dashboard-'));
  const cleanups: (() => Promise<unknown>)[] = [
    () => rm(distDir, { recursive: true, force: true }),
  ];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    await buildDashboard({ outDir: distDir });
    await ensureStoreIndexes(connection);
    await ensureDemoData({ connection, now: now() });

    const fake = await startVelogFake();
    cleanups.push(() => fake.close());
    const velog = createVelogClient({
      v3Url: fake.urls.v3,
      statsUrl: fake.urls.v2,
      retries: 0,
      timeoutMs: 5000,
    });
    const tokenKey = parseTokenKey(generateTokenKey());
    const logger = createLogger({ level: 'silent' });
    const app = createApp({
      connection,
      velog,
      now,
      logger,
      config: {
        tokenKey,
        oldTokenKeys: [],
        sessionTtlMs: 86_400_000,
        demoSessionTtlMs: 86_400_000,
        cookieSecure: 'never',
        trustProxy: false,
        publicOrigins: [],
        dashboardDir: distDir,
        loginRateLimit: { max: 50, windowMs: 60_000 },
        // Every browser test signs in to the demo from the same address.
        demoLoginRateLimit: { max: 1_000, windowMs: 60_000 },
        refreshMinIntervalMs: 60_000,
        collectDefaultMetrics: false,
        // The settings test saves a webhook on loopback.
        allowPrivateWebhooks: true,
      },
    });
    const server: ApiServer = await startApiServer({ app, port: 0 });
    cleanups.push(() => server.close(1000));

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    cleanups.push(() => browser.close());

    const models = storeModels(connection);
    return {
      url: server.url,
      distDir,
      fake,
      browser,
      models,
      scrape: async (username, at) => {
        await runCycle(
          {
            models,
            client: velog,
            tokenKeys: { current: tokenKey, all: [tokenKey] },
            now: at === undefined ? now : () => at,
            workerId: 'dashboard-test',
            intervalMinutes: 60,
            listingViews: 'auto',
            logger,
            leaseTtlMs: 60_000,
            userConcurrency: 1,
          },
          { username },
        );
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
