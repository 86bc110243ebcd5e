import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/*
 * Tokens and cookies never reach a log line, wherever they sit in a logged object: the paths
 * are redacted by configuration rather than by remembering to leave them out.
 */
const REDACT = [
  'accessToken',
  'refreshToken',
  'tokens',
  'cookie',
  'cookies',
  'setCookie',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.accessToken',
  '*.refreshToken',
  '*.tokens',
  '*.cookie',
  '*.cookies',
  '*.setCookie',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'worker' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination(2),
  );
}
