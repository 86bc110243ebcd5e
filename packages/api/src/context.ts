import type { StoreModels } from '@velog-insights/store';
import type { VelogClient } from '@velog-insights/velog';
import type { Connection } from 'mongoose';
import type { Session, SessionStore } from './auth/sessions.js';
import type { AppConfig } from './config.js';
import type { ApiMetrics } from './http/metrics.js';
import type { Logger } from './logger.js';

/** What createApp is given: the I/O edges and the clock, all replaceable in tests. */
export interface AppDeps {
  connection: Connection;
  /** `null` runs without velog: the demo works, token login answers velog-unavailable. */
  velog: VelogClient | null;
  now: () => Date;
  logger: Logger;
  config: AppConfig;
  /**
   * The app's metrics, when something built before the app reports to them (runApi's velog
   * client counts its requests); otherwise the app makes its own.
   */
  metrics?: ApiMetrics;
}

/** Everything the routes share, built once per app. */
export interface AppServices extends AppDeps {
  models: StoreModels;
  sessions: SessionStore;
  metrics: ApiMetrics;
}

export interface AppEnv {
  Variables: { session: Session };
}
