import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('the worker’s logger', () => {
  it('redacts tokens and cookies wherever they sit in a logged object', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        userId: 'u-1',
        accessToken: 'secret-a',
        tokens: { accessToken: 'secret-b', refreshToken: 'secret-c' },
        session: { refreshToken: 'secret-d', cookie: 'access_token=secret-e' },
        headers: { cookie: 'refresh_token=secret-f', 'set-cookie': ['access_token=secret-g'] },
      },
      'user scrape',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/secret-/);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      userId: 'u-1',
      accessToken: '[redacted]',
    });
  });
});
