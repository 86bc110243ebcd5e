import type { z } from 'zod';
import { describeIssues } from './errors.js';

/**
 * Checks a response body against its shared schema before it leaves. A mismatch is our bug,
 * so it surfaces as a 500 (with the fields in the log), never as the client's 400.
 */
export function checked<T extends z.ZodType>(schema: T, body: z.input<T>): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new Error(
    `response does not match its schema: ${JSON.stringify(describeIssues(result.error))}`,
  );
}
