import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Tokens and session cookies must never reach a log line (PRODUCT.md: tokens are radioactive),
 * so they are censored by configuration rather than by each call site remembering to.
 */
export const REDACTED_PATHS = [
  'accessToken',
  'refreshToken',
  'tokens',
  'cookie',
  'authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.tokens',
  '*.cookie',
  '*.authorization',
  '*["set-cookie"]',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      name: 'api',
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

export type { Logger };
