import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';

// What the globalSetup hands every test file; declared here, beside the `inject` that reads it,
// so that any package compiling this file sees the types.
declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoKind: string;
  }
}

export interface TestDatabase {
  /** The server's URI, without a database name. */
  readonly uri: string;
  readonly kind: string;
  readonly dbName: string;
  /** A mongoose connection to this file's own database, open between beforeAll and afterAll. */
  readonly connection: Connection;
}

/**
 * Gives the calling test file a database of its own on the run's server, dropped afterwards.
 * Call it at the top level of a test file.
 */
export function useTestDatabase(): TestDatabase {
  const uri = inject('mongoUri');
  const kind = inject('mongoKind');
  // FerretDB's SQLite backend keeps one file a database, so names stay short and plain.
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  let connection: Connection | undefined;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(uri, { dbName, serverSelectionTimeoutMS: 10_000 })
      .asPromise();
  });

  afterAll(async () => {
    if (!connection) return;
    await connection.dropDatabase();
    await connection.close();
  });

  return {
    uri,
    kind,
    dbName,
    get connection() {
      if (!connection)
        throw new Error('useTestDatabase().connection is only open inside tests and hooks');
      return connection;
    },
  };
}
