import { ensureDemoData } from '@velog-insights/demo';
import { createVelogClient } from '@velog-insights/velog';
import type { Connection } from 'mongoose';
import { createApp } from './app.js';
import { appConfigFromEnv } from './config.js';
import type { ApiEnv } from './env.js';
import type { Logger } from './logger.js';
import { startApiServer } from './serve.js';

/** How often a running API brings the demo's history up to now, so its "today" stays today. */
const DEMO_REFRESH_MS = 30 * 60_000;

export interface RunningApi {
  url: string;
  /** Stops serving, lets requests in flight finish, and closes the velog client. */
  stop(): Promise<void>;
}

/**
 * Serves the API (and the built dashboard) on a connection the caller owns. Shared by
 * `npm run start:api` and `npm start`, which differ only in where the database comes from.
 */
export async function runApi(input: {
  env: ApiEnv;
  connection: Connection;
  logger: Logger;
  now?: () => Date;
  demoRefreshMs?: number;
}): Promise<RunningApi> {
  const { env, connection, logger } = input;
  const now = input.now ?? (() => new Date());
  // Someone is waiting on the sign-in form: one retry, soon, then an answer. The worker is the
  // patient one; a login that fails here can simply be tried again.
  const velog = createVelogClient({
    v3Url: env.VELOG_V3_URL,
    statsUrl: env.VELOG_STATS_URL,
    timeoutMs: env.VELOG_TIMEOUT_MS,
    retries: 1,
    minRetryDelayMs: 500,
  });
  // With the demo switched off, demo sign-in finds whatever demo writer the database holds.
  let demoReady = !env.DEMO_ENABLED;
  let stopping = false;
  const app = createApp({
    connection,
    velog,
    now,
    logger,
    config: appConfigFromEnv(env),
    isDemoReady: () => demoReady,
  });
  const server = await startApiServer({ app, port: env.PORT, hostname: env.HOST });
  logger.info({ url: server.url }, 'api listening');

  const prepareDemo = async () => {
    const started = performance.now();
    try {
      const report = await ensureDemoData({ connection, now: now() });
      demoReady = true;
      logger.info({ demo: report, ms: Math.round(performance.now() - started) }, 'demo data ready');
    } catch (error) {
      // Stopping mid-way is harmless: every demo write is an idempotent upsert, and the next
      // start completes what is missing.
      if (!stopping) logger.error({ err: error }, 'demo data could not be prepared');
    }
  };
  // A first start generates 18 months of demo history; the API serves meanwhile and demo
  // sign-in answers 503 until it is done. Later runs only append the time since, so the demo
  // keeps a live "today" in a process that runs for days.
  let demo = env.DEMO_ENABLED ? prepareDemo() : Promise.resolve();
  const refresh = env.DEMO_ENABLED
    ? setInterval(() => {
        demo = demo.then(prepareDemo);
      }, input.demoRefreshMs ?? DEMO_REFRESH_MS)
    : undefined;
  refresh?.unref();

  return {
    url: server.url,
    async stop() {
      stopping = true;
      clearInterval(refresh);
      await server.close();
      await demo;
      await velog.close();
    },
  };
}
