import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectApiDatabase, createLogger, loadApiEnv, runApi } from '@velog-insights/api';
import { buildDashboard, dashboardDistDir } from '@velog-insights/dashboard';
import { startEmbeddedDatabase } from '@velog-insights/embedded-db';
import { isAppError } from '@velog-insights/shared';
import { describeUpgrades, prepareStore } from '@velog-insights/store';
import { loadWorkerEnv, startScheduler } from '@velog-insights/worker';
import mongoose from 'mongoose';
import { loadOrCreateDevKey } from './dev-key.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dataDir = join(repoRoot, '.data');
const dashboardSource = join(repoRoot, 'packages', 'dashboard');

/**
 * `npm start`: API + dashboard + worker scheduler in one process, on `MONGODB_URI` or else on
 * an embedded database kept under `.data/`, with the demo writer ready to try. The production
 * entry points (`npm run start:api`, `npm run start:worker`) run the same pieces separately.
 */
async function main(): Promise<void> {
  const say = (line: string) => process.stderr.write(`[velog-insights] ${line}\n`);

  const database = await startEmbeddedDatabase({
    externalUri: process.env.MONGODB_URI || undefined,
    dataDir: join(dataDir, 'db'),
    log: say,
  });
  const key = await loadOrCreateDevKey(
    join(dataDir, 'dev-encryption-key'),
    process.env.TOKEN_ENCRYPTION_KEY || undefined,
    (line) => say(`warning: ${line}`),
  );
  // The embedded server's URI names no database; ours gets one of its own.
  const mongodbUri = database.kind === 'external' ? database.uri : `${database.uri}velog-insights`;
  const env = { ...process.env, MONGODB_URI: mongodbUri, TOKEN_ENCRYPTION_KEY: key };

  let apiEnv: ReturnType<typeof loadApiEnv>;
  let workerConfig: ReturnType<typeof loadWorkerEnv>;
  try {
    apiEnv = loadApiEnv(env);
    workerConfig = loadWorkerEnv(env);
  } catch (error) {
    say(isAppError(error) ? error.message : String(error));
    await database.stop();
    process.exit(2);
  }

  if (await dashboardNeedsBuild()) {
    say('building the dashboard…');
    await buildDashboard();
  }

  const logger = createLogger({ level: apiEnv.LOG_LEVEL });
  const connection = await mongoose
    .createConnection(mongodbUri, { serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  const prepared = await prepareStore(connection);
  for (const upgrade of describeUpgrades(prepared)) say(`upgraded the database: ${upgrade}`);
  // The API's own connection: its requests give up on a lost database within 2 s, which is no
  // budget for the scheduler's patient writes.
  const apiConnection = await connectApiDatabase(mongodbUri);
  const api = await runApi({ env: apiEnv, connection: apiConnection, logger });
  const scheduler = startScheduler({ connection, config: workerConfig, logger });

  // The address is announced once "Try the demo" opens the demo: on a first start its history
  // is still being written (the scheduler started that; this waits for the same run).
  if (workerConfig.demoEnabled) {
    say('preparing the demo…');
    await scheduler.refreshDemo();
  }
  say(`running at ${api.url}  (press Ctrl-C to stop; "Try the demo" needs no velog account)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await scheduler.stop();
    await api.stop();
    await apiConnection.close();
    await connection.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** A build is needed when there is none, or when a source file is newer than it. */
async function dashboardNeedsBuild(): Promise<boolean> {
  const built = mtime(join(dashboardDistDir, 'index.html'));
  if (built === null) return true;
  const sources = [join(dashboardSource, 'index.html'), join(dashboardSource, 'vite.config.ts')];
  for (const entry of await readdir(join(dashboardSource, 'src'), { recursive: true })) {
    sources.push(join(dashboardSource, 'src', entry));
  }
  return sources.some((path) => (mtime(path) ?? 0) > built);
}

function mtime(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[velog-insights] could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  // A TOKEN_ENCRYPTION_KEY other than the one the stored tokens need is configuration too.
  process.exit(isAppError(error) && error.code === 'token-key-mismatch' ? 2 : 1);
});
