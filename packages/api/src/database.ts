import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '@velog-insights/shared';
import { isDatabaseUnavailable } from '@velog-insights/store';
import mongoose, { type Connection, type ConnectOptions } from 'mongoose';

/**
 * How long a request waits for a database server to talk to before it answers 503. Someone is
 * waiting on the page: with the database gone they should hear so within 2 s, not after the
 * driver's 30 s (or our old 10 s). A live FerretDB is selected in milliseconds.
 */
export const DATABASE_SELECTION_TIMEOUT_MS = 1_500;

/**
 * The API's connection options. Without buffering, an operation while the connection is down
 * goes straight to server selection (bounded above) instead of queueing in mongoose for
 * `bufferTimeoutMS`; a short heartbeat notices the server's return within seconds even when no
 * request comes, so /readyz (which trusts the connection's state) recovers by itself.
 */
export const API_CONNECTION_OPTIONS = {
  serverSelectionTimeoutMS: DATABASE_SELECTION_TIMEOUT_MS,
  bufferCommands: false,
  heartbeatFrequencyMS: 2_000,
} as const satisfies ConnectOptions;

/**
 * Opens the API's connection. Start-up waits longer than a request would, trying again until
 * `startupTimeoutMs`: the database may still be starting beside us.
 */
export async function connectApiDatabase(
  uri: string,
  options: { startupTimeoutMs?: number } = {},
): Promise<Connection> {
  const deadline = Date.now() + (options.startupTimeoutMs ?? 10_000);
  for (;;) {
    const connection = mongoose.createConnection(uri, API_CONNECTION_OPTIONS);
    try {
      return await connection.asPromise();
    } catch (error) {
      await connection.close().catch(() => {});
      if (!isDatabaseUnavailable(error) || Date.now() >= deadline) throw error;
      await delay(200);
    }
  }
}

export function databaseUnavailable(cause: unknown): AppError {
  return new AppError('database-unavailable', 'the database does not answer; try again shortly', {
    status: 503,
    cause,
  });
}
