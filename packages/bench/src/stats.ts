/** Median and 95th percentile of a sample, in its own unit. */
export function summarise(samples: readonly number[]): {
  median: number;
  p95: number;
  runs: number;
} {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] as number;
  return { median: at(0.5), p95: at(0.95), runs: sorted.length };
}

/** Wall time of `work` in milliseconds, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}
