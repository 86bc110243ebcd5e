import { createLogger, loadApiEnv, runApi } from '@velog-insights/api';
import { ensureDemoData } from '@velog-insights/demo';
import { FERRETDB_VERSION, startEmbeddedDatabase } from '@velog-insights/embedded-db';
import { generateTokenKey, prepareStore } from '@velog-insights/store';
import { startVelogFake } from '@velog-insights/velog-fake';
import mongoose from 'mongoose';

export interface DemoServer {
  /** The API's origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Which database it runs on, for a report. */
  database: string;
  /** Signs in as the demo once and returns the `Cookie` header value to send. */
  signIn(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The API as `npm run start:api` serves it (the production `runApi`, its env parsed by
 * `loadApiEnv`), on a fresh embedded database with the demo writer's history, and with velog
 * replaced by the fake so that nothing a probe sends can reach velog.io. For the fuzz and load
 * scripts, which need a real server on a real socket.
 */
export async function startDemoServer(options: {
  log: (line: string) => void;
  /** A database server the caller runs (the bench's); else `MONGODB_URI` or an embedded one. */
  databaseUri?: string;
  /** API env variables over the defaults here. */
  env?: Record<string, string>;
}): Promise<DemoServer> {
  const { log } = options;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  try {
    const database = await startEmbeddedDatabase({
      externalUri: options.databaseUri ?? (process.env.MONGODB_URI || undefined),
      log,
    });
    stops.push(() => database.stop());
    const velog = await startVelogFake();
    stops.push(() => velog.close());
    const dbName = `demo_server_${Date.now().toString(36)}`;
    const connection = await mongoose.createConnection(database.uri, { dbName }).asPromise();
    stops.push(async () => {
      await connection.dropDatabase();
      await connection.close();
    });
    await prepareStore(connection);
    log('writing the demo history…');
    await ensureDemoData({ connection, now: new Date() });

    const env = loadApiEnv({
      MONGODB_URI: database.uri,
      TOKEN_ENCRYPTION_KEY: generateTokenKey(),
      VELOG_V3_URL: velog.urls.v3,
      VELOG_STATS_URL: velog.urls.v2,
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    const api = await runApi({ env, connection, logger: createLogger({ level: env.LOG_LEVEL }) });
    stops.push(() => api.stop());
    log(`api at ${api.url}`);

    return {
      url: api.url,
      database:
        database.kind === 'ferretdb'
          ? `FerretDB ${FERRETDB_VERSION} (SQLite backend)`
          : database.kind,
      async signIn() {
        // What the dashboard sends: a same-origin POST.
        const response = await fetch(`${api.url}/api/auth/demo`, {
          method: 'POST',
          headers: { origin: api.url, 'sec-fetch-site': 'same-origin' },
        });
        const cookie = response.headers.get('set-cookie')?.split(';')[0];
        if (response.status !== 200 || !cookie) {
          throw new Error(`demo sign-in answered ${response.status}: ${await response.text()}`);
        }
        return cookie;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
