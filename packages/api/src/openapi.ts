import { ErrorEnvelope } from '@velog-insights/shared';
import type { z } from 'zod';

export const SESSION_SECURITY = [{ session: [] }];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the envelope lists the bad fields',
  401: 'No session, or an expired or unknown one (or, at login, tokens velog does not accept)',
  403: 'A cross-site request, or a change the demo may not make',
  404: 'Not found, or not the session user’s',
  409: 'The writer must sign in to velog again',
  413: 'Body too large',
  415: 'Body is not JSON',
  429: 'Too many requests; see Retry-After',
  500: 'Our bug; details stay in the server log',
  502: 'velog could not be reached',
  503: 'The database (or, for the demo, its history) is unavailable; try again shortly (after Retry-After, when given)',
};

/**
 * The error responses a route can give, all with the one envelope. Every route documented with
 * these reads or writes the database, so each may also answer 503 database-unavailable.
 */
export function errorResponses(...statuses: number[]) {
  const responses: Record<
    number,
    { description: string; content: { 'application/json': { schema: typeof ErrorEnvelope } } }
  > = {};
  for (const status of [...statuses, 500, 503]) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: ErrorEnvelope } },
    };
  }
  return responses;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
