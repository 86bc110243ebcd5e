import type { Hook } from '@hono/zod-openapi';
import { invalidRequest } from './errors.js';

const PART_NAMES: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'headers',
  cookie: 'cookies',
  form: 'form',
};

/** Turns a request-schema failure into the 400 envelope listing the bad fields. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape.
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success)
    throw invalidRequest(result.error, PART_NAMES[result.target] ?? result.target);
};
