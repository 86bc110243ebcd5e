import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('censors tokens, cookies and authorization wherever call sites put them', () => {
    const lines: string[] = [];
    const logger = createLogger({
      destination: new Writable({
        write(chunk, _encoding, callback) {
          lines.push(String(chunk));
          callback();
        },
      }),
    });
    logger.info({ accessToken: 'A1', refreshToken: 'R1' }, 'top level');
    logger.info(
      { body: { accessToken: 'A2', refreshToken: 'R2' }, tokens: { accessToken: 'A3' } },
      'nested',
    );
    logger.info(
      {
        req: { headers: { cookie: 'vi_session=S1', authorization: 'Bearer B1' } },
        res: { headers: { 'set-cookie': 'vi_session=S2' } },
      },
      'http',
    );
    logger.info({ headers: { cookie: 'access_token=A4' } }, 'headers');
    const text = lines.join('');
    for (const secret of ['A1', 'R1', 'A2', 'R2', 'A3', 'S1', 'B1', 'S2', 'A4']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(lines).toHaveLength(4);
  });
});
