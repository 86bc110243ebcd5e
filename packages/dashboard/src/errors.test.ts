import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXT, errorMessageKey } from './errors.js';
import { allMessageKeys, messagesOf } from './i18n.js';

const packages = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.test.ts'))
    .map((entry) => readFileSync(join(dir, entry), 'utf8'));
}

/** Every error code the server side can put in an envelope, read from its sources. */
function serverCodes(): Set<string> {
  const codes = new Set<string>();
  for (const pkg of ['api', 'shared', 'store', 'velog'])
    for (const text of sources(join(packages, pkg, 'src')))
      for (const match of text.matchAll(/new AppError\(\s*'([a-z0-9-]+)'/g))
        codes.add(match[1] as string);
  // The codes the API's onError gives hono's own HTTP errors, by status or by kind.
  const errors = readFileSync(join(packages, 'api/src/errors.ts'), 'utf8');
  const byStatus = /CODE_BY_STATUS[^{]*\{([^}]*)\}/.exec(errors)?.[1] ?? '';
  for (const match of byStatus.matchAll(/'([a-z-]+)'/g)) codes.add(match[1] as string);
  for (const literal of ['malformed-json', 'http-error']) {
    expect(errors).toContain(`'${literal}'`);
    codes.add(literal);
  }
  return codes;
}

describe('errorMessageKey', () => {
  it('has the page’s own words for every code the API can answer with', () => {
    const codes = serverCodes();
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter((code) => !Object.hasOwn(ERROR_TEXT, code));
    expect(missing).toEqual([]);
  });

  it('gives the demo’s wait its own words, in Korean without English', () => {
    const key = errorMessageKey({ code: 'demo-unavailable', status: 503 });
    expect(key).toBe('error.demo-unavailable');
    expect(messagesOf('ko')[key]).not.toMatch(/[A-Za-z]/);
  });

  it('answers any code and status with a message both languages have', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 999 }), (code, status) => {
        const key = errorMessageKey({ code, status });
        expect(allMessageKeys).toContain(key);
        expect(messagesOf('ko')[key].length).toBeGreaterThan(0);
      }),
    );
    expect(errorMessageKey({ code: 'never-heard-of-it', status: 418 })).toBe('error.unknown');
    expect(errorMessageKey({ code: 'never-heard-of-it', status: 503 })).toBe('error.server');
    expect(errorMessageKey({ code: 'toString', status: 418 })).toBe('error.unknown');
  });
});
