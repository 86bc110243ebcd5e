import type { StoreModels } from './models.js';

const queues = new WeakMap<StoreModels, Promise<unknown>>();

/**
 * Runs a scrape's writes one at a time per connection. FerretDB v1 on SQLite can lock up
 * when two connections' writes to the same tables interleave (FerretDB#3700: both writes
 * never answer); a scrape now writes one or two documents, so queueing them costs nothing
 * worth measuring, and on MongoDB it merely orders them. A failed write does not block the
 * next one.
 */
export function serialWrites<T>(models: StoreModels, write: () => Promise<T>): Promise<T> {
  const previous = queues.get(models) ?? Promise.resolve();
  const next = previous.then(write, write);
  queues.set(
    models,
    next.catch(() => undefined),
  );
  return next;
}
