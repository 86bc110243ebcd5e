export { createApp } from './app.js';
export { SESSION_COOKIE } from './auth/cookie.js';
export { type SessionDoc, sessionModel } from './auth/sessions.js';
export { type AppConfig, appConfigFromEnv, defaultAppConfig } from './config.js';
export type { AppDeps, AppEnv } from './context.js';
export {
  API_CONNECTION_OPTIONS,
  connectApiDatabase,
  DATABASE_SELECTION_TIMEOUT_MS,
} from './database.js';
export { ApiEnv, loadApiEnv } from './env.js';
export { createLogger, type Logger, REDACTED_PATHS } from './logger.js';
export { DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS } from './range.js';
export { type RunningApi, runApi } from './run.js';
export { type ApiServer, startApiServer } from './serve.js';
