import { MongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';

export interface RunningMemoryServer {
  uri: string;
  stop(): Promise<void>;
}

/** No mongod binary is cached and none could be downloaded: the caller falls back quietly. */
export class MongoBinaryUnavailable extends Error {
  readonly code = 'mongodb-binary-unavailable';
}

/**
 * A real mongod downloaded by mongodb-memory-server. Offline, the download fails within a few
 * seconds (the host does not resolve); the timeout guards against a network that hangs instead.
 */
export async function startMemoryServer(
  options: { dataDir?: string; timeoutMs?: number } = {},
): Promise<RunningMemoryServer> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  // The binary first, on its own: `MongoMemoryServer.start()` console.warn's the whole
  // DownloadError with its stack when the download fails, which reads like a crash when it is
  // only the expected offline case. `getPath` downloads the same binary (or finds it cached)
  // and reports the failure to us alone.
  await withTimeout(
    MongoBinary.getPath().catch((error: unknown) => {
      throw new MongoBinaryUnavailable(
        `MongoDB could not be downloaded (${downloadReason(error)})`,
        { cause: error },
      );
    }),
    timeoutMs,
    () => {},
  );
  const starting = MongoMemoryServer.create({
    instance: options.dataDir ? { dbPath: options.dataDir, storageEngine: 'wiredTiger' } : {},
  });
  const server = await withTimeout(starting, timeoutMs, () => {
    // Whatever the slow start eventually produces must not be left running.
    starting.then((late) => late.stop()).catch(() => {});
  });
  return {
    uri: server.getUri(),
    stop: async () => {
      await server.stop({ doCleanup: !options.dataDir });
    },
  };
}

async function withTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
  onTimeout: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const winner = await Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
  if (winner === 'timeout') {
    onTimeout();
    throw new Error(`mongodb-memory-server did not start within ${timeoutMs} ms`);
  }
  return winner as T;
}

/**
 * The DownloadError's message is `Download failed for url "…", Details:\n<cause>`; the cause
 * (`getaddrinfo ENOTFOUND fastdl.mongodb.org`) is the part that says why.
 */
function downloadReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.at(-1) ?? 'unknown error';
}
