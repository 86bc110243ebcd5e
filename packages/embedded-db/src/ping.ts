import mongoose from 'mongoose';

/** Resolves once the server at `uri` answers `ping`; retries until `timeoutMs` has passed. */
export async function waitForPing(uri: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1_000 });
    try {
      await connection.asPromise();
      await connection.db?.admin().ping();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await connection.close().catch(() => {});
    }
  }
  throw new Error(`no answer to ping from ${uri} within ${timeoutMs} ms: ${String(lastError)}`);
}
