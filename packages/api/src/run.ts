import { ensureDemoData } from '@velog-insights/demo';
import { createVelogClient } from '@velog-insights/worker/velog';
import type { Connection } from 'mongoose';
import { createApp } from './app.js';
import { appConfigFromEnv } from './config.js';
import type { ApiEnv } from './env.js';
import type { Logger } from './logger.js';
import { startApiServer } from './serve.js';

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
}): Promise<RunningApi> {
  const { env, connection, logger } = input;
  const now = input.now ?? (() => new Date());
  const velog = createVelogClient({
    v3Url: env.VELOG_V3_URL,
    statsUrl: env.VELOG_STATS_URL,
    timeoutMs: env.VELOG_TIMEOUT_MS,
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
  // sign-in answers 503 until it is done. Later starts only append the days since.
  const demo = env.DEMO_ENABLED ? prepareDemo() : Promise.resolve();

  return {
    url: server.url,
    async stop() {
      stopping = true;
      await server.close();
      await demo;
      await velog.close();
    },
  };
}
