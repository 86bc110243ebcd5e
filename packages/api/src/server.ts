import { isAppError } from '@velog-insights/shared';
import { describeUpgrades, prepareStore } from '@velog-insights/store';
import { connectApiDatabase } from './database.js';
import { loadApiEnv } from './env.js';
import { createLogger } from './logger.js';
import { runApi } from './run.js';

/** `npm run start:api`: serve the API (and the built dashboard) until SIGTERM or SIGINT. */
async function main(): Promise<void> {
  let env: ReturnType<typeof loadApiEnv>;
  try {
    env = loadApiEnv(process.env);
  } catch (error) {
    process.stderr.write(`${isAppError(error) ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: env.LOG_LEVEL });
  // Bounded per request: with the database gone, requests answer 503 within 2 s.
  const connection = await connectApiDatabase(env.MONGODB_URI);
  const prepared = await prepareStore(connection);
  for (const upgrade of describeUpgrades(prepared)) logger.info({ upgrade }, 'database upgraded');
  const api = await runApi({ env, connection, logger });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api stopping');
    try {
      await api.stop();
      await connection.close();
      logger.info('api stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'api did not stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `api failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  // A key that does not match the stored tokens is configuration, like a malformed one.
  process.exit(isAppError(error) && error.code === 'token-key-mismatch' ? 2 : 1);
});
