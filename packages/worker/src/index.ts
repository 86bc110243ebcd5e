export { readDigestFigures } from './alerts/digest.js';
export { type AlertSettings, noticeOccasions } from './alerts/occasions.js';
export {
  type CycleContext,
  type CycleOptions,
  type CycleReport,
  cycleContextFromConfig,
  runCycle,
} from './cycle.js';
export { loadWorkerEnv, type WorkerConfig, WorkerEnv } from './env.js';
export { createLogger, type Logger } from './logger.js';
export {
  type DeliveryContext,
  type DeliveryReport,
  deliverOutbox,
  type RetryPolicy,
} from './outbox/deliver.js';
export type { DigestFigures } from './outbox/payloads.js';
export { type Scheduler, startScheduler } from './scheduler.js';
export { isUserDue } from './scrape/due.js';
export { acceptPage, type ListedPost, toListedPost } from './scrape/listing.js';
export { type ScrapeContext, type ScrapeReport, scrapeUser } from './scrape-user.js';
