import { AppError } from '@velog-insights/shared';

/** What a dashboard read is given besides its subject: the request it serves. */
export interface ReadOptions {
  /** The request's signal: once its client has gone, the read's remaining queries are not sent. */
  signal?: AbortSignal | undefined;
}

/**
 * Stops a read whose client went away before its next query: nobody will see the answer, and
 * a request that keeps reading after its client left delays the ones still waiting.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AppError('request-aborted', 'the client went away', { status: 499 });
  }
}
