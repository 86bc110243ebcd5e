import { describe, expect, it } from 'vitest';
import { VelogKnownError } from './errors.js';

describe('v3 error names', () => {
  it.each([
    [400, 'bad request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not found'],
    // velog's ConflictError is spelt ConfilctError, and so is the name it sends.
    [409, 'confilct'],
  ] as const)('names a %s "%s"', (status, name) => {
    expect(new VelogKnownError('x', 'BAD_REQUEST', status).v3Name).toBe(name);
  });
});
