import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerretDb } from './ferretdb.js';
import { MongoBinaryUnavailable, startMemoryServer } from './memory-server.js';

export type DatabaseKind = 'external' | 'mongodb-memory-server' | 'ferretdb';

export interface EmbeddedDatabase {
  kind: DatabaseKind;
  /** A URI without a database name and without credentials. */
  uri: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** `MONGODB_URI`, when the caller has one: used as it is and never stopped by us. */
  externalUri?: string | undefined;
  /** Keep data here across restarts; a fresh temporary directory when absent. */
  dataDir?: string | undefined;
  log?: (line: string) => void;
}

/**
 * Picks a MongoDB-compatible server: the caller's `MONGODB_URI`; else a real mongod through
 * mongodb-memory-server (which needs internet once); else FerretDB over SQLite, built with Go.
 */
export async function startEmbeddedDatabase(options: StartOptions = {}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  if (options.externalUri) {
    log('database: MONGODB_URI');
    return { kind: 'external', uri: options.externalUri, stop: async () => {} };
  }

  const ownedDir = options.dataDir
    ? undefined
    : await mkdtemp(join(tmpdir(), 'velog-insights-db-'));
  const baseDir = options.dataDir ?? (ownedDir as string);
  const cleanUp = async () => {
    if (ownedDir) await rm(ownedDir, { recursive: true, force: true });
  };

  try {
    // Without a data directory of the caller's, mongod keeps its data in a temporary one.
    const mongodDir = options.dataDir ? join(options.dataDir, 'mongod') : undefined;
    if (mongodDir) await mkdir(mongodDir, { recursive: true });
    const mongod = await startMemoryServer(mongodDir ? { dataDir: mongodDir } : {});
    log(`database: mongodb-memory-server at ${mongod.uri}`);
    return {
      kind: 'mongodb-memory-server',
      uri: mongod.uri,
      stop: async () => {
        await mongod.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    // One line, no stack: offline this is the expected way to FerretDB, not a crash.
    log(
      error instanceof MongoBinaryUnavailable
        ? `database: ${error.message}; using FerretDB`
        : `database: mongodb-memory-server unavailable (${firstLine(error)}); using FerretDB`,
    );
  }

  try {
    const ferret = await startFerretDb({ dataDir: join(baseDir, 'ferretdb') });
    log(`database: FerretDB at ${ferret.uri} (pid ${ferret.pid})`);
    return {
      kind: 'ferretdb',
      uri: ferret.uri,
      stop: async () => {
        await ferret.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw new Error(`no MongoDB-compatible server could be started: ${firstLine(error)}`, {
      cause: error,
    });
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}
