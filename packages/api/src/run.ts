import { checkTokenKeys, describeOldKeys, storeModels } from '@velog-insights/store';
import { createVelogClient } from '@velog-insights/velog';
import type { Connection } from 'mongoose';
import { createApp } from './app.js';
import { appConfigFromEnv } from './config.js';
import type { ApiEnv } from './env.js';
import { createMetrics } from './http/metrics.js';
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
  // Before serving: a wrong key would otherwise be found only by the worker, writer by writer.
  // Throws `token-key-mismatch`, which the entry points turn into exit code 2.
  const current = env.TOKEN_ENCRYPTION_KEY;
  const keys = await checkTokenKeys(
    storeModels(connection),
    { current, all: [current, ...env.TOKEN_ENCRYPTION_OLD_KEYS] },
    now(),
  );
  for (const { msg, ...fields } of describeOldKeys(keys)) logger.info(fields, msg);
  const config = appConfigFromEnv(env);
  // Made before the app, so the velog client can count its requests into them.
  const metrics = createMetrics({ collectDefault: config.collectDefaultMetrics });
  // Someone is waiting on the sign-in form: one retry, soon, then an answer. The worker is the
  // patient one; a login that fails here can simply be tried again.
  const velog = createVelogClient({
    v3Url: env.VELOG_V3_URL,
    statsUrl: env.VELOG_STATS_URL,
    timeoutMs: env.VELOG_TIMEOUT_MS,
    retries: 1,
    minRetryDelayMs: 500,
    // An open breaker queues requests until its retryAt (up to minutes): the person at the form
    // should hear velog-unavailable now instead. Rate-limited sign-ins cannot storm velog.
    breaker: false,
    onEvent: metrics.countVelogEvent,
  });
  // The demo's history is written by whatever runs the scheduler (`npm start`, `worker
  // schedule`); demo sign-in reads from the database whether it is there yet.
  const app = createApp({ connection, velog, now, logger, config, metrics });
  const server = await startApiServer({ app, port: env.PORT, hostname: env.HOST });
  logger.info({ url: server.url }, 'api listening');

  return {
    url: server.url,
    async stop() {
      await server.close();
      await velog.close();
    },
  };
}
