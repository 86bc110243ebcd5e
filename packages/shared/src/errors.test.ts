import { describe, expect, it } from 'vitest';
import { AppError, ErrorEnvelope, isAppError, toErrorEnvelope } from './errors.js';

describe('AppError', () => {
  it('carries a kebab-case code and an HTTP status', () => {
    const error = new AppError('velog-auth-failed', 'velog did not accept these tokens', {
      status: 401,
    });
    expect(isAppError(error)).toBe(true);
    expect(error.status).toBe(401);
    expect(ErrorEnvelope.parse(toErrorEnvelope(error))).toEqual({
      error: { code: 'velog-auth-failed', message: 'velog did not accept these tokens' },
    });
  });

  it('defaults to 500 and rejects codes that are not kebab-case', () => {
    expect(new AppError('internal', 'x').status).toBe(500);
    expect(() => new AppError('BadCode', 'x')).toThrow(TypeError);
    expect(isAppError(new Error('plain'))).toBe(false);
  });
});
