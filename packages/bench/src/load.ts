import { quantile } from './stats.js';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  errors: number;
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
  const until = performance.now() + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  return {
    ...options,
    requests: latencies.length,
    errors,
    median: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}
