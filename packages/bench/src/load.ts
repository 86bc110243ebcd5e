import { quantile } from './stats.js';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Answers other than 2xx, and requests that got no answer. */
  errors: number;
  requestsPerSecond: number;
  median: number;
  p99: number;
}

/**
 * `connections` clients each sending one request after another to `url` for `seconds`: the
 * latency a writer sees while others use the same server. Bounded in time and aimed only at
 * the loopback server the bench started.
 */
export async function loadTest(
  url: string,
  headers: Record<string, string>,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const sent = performance.now();
      try {
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        if (response.status < 200 || response.status > 299) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    ...options,
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / elapsedSeconds,
    median: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}
