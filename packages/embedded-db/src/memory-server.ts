import { MongoMemoryServer } from 'mongodb-memory-server-core';

export interface RunningMemoryServer {
  uri: string;
  stop(): Promise<void>;
}

/**
 * A real mongod downloaded by mongodb-memory-server. Offline, the download fails within a few
 * seconds (the host does not resolve); the timeout guards against a network that hangs instead.
 */
export async function startMemoryServer(
  options: { dataDir?: string; timeoutMs?: number } = {},
): Promise<RunningMemoryServer> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const starting = MongoMemoryServer.create({
    instance: options.dataDir ? { dbPath: options.dataDir, storageEngine: 'wiredTiger' } : {},
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const winner = await Promise.race([starting, timedOut]).finally(() => clearTimeout(timer));
  if (winner === 'timeout') {
    // Whatever the slow start eventually produces must not be left running.
    starting.then((late) => late.stop()).catch(() => {});
    throw new Error(`mongodb-memory-server did not start within ${timeoutMs} ms`);
  }
  return {
    uri: winner.getUri(),
    stop: async () => {
      await winner.stop({ doCleanup: !options.dataDir });
    },
  };
}
