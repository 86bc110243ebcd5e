import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken, generateTokenKey, parseTokenKey } from './token-crypto.js';

describe('token encryption at rest', () => {
  const key = parseTokenKey(generateTokenKey());

  it('round-trips and never stores the plaintext', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.secret-payload.sig';
    const encrypted = encryptToken(token, key);
    expect(JSON.stringify(encrypted)).not.toContain('secret-payload');
    expect(encrypted.keyId).toBe(key.id);
    expect(decryptToken(encrypted, [key])).toBe(token);
    expect(encryptToken(token, key).iv).not.toBe(encrypted.iv);
  });

  it('accepts a base64 key and finds the right key among several', () => {
    const other = parseTokenKey(Buffer.alloc(32, 7).toString('base64'));
    const encrypted = encryptToken('t', other);
    expect(decryptToken(encrypted, [key, other])).toBe('t');
    expect(() => decryptToken(encrypted, [key])).toThrow(/no key with id/);
  });

  it('rejects tampering and malformed keys', () => {
    const encrypted = encryptToken('token', key);
    const data = Buffer.from(encrypted.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    expect(() => decryptToken({ ...encrypted, data: data.toString('base64') }, [key])).toThrow(
      expect.objectContaining({ code: 'token-decrypt-failed' }),
    );
    expect(() => parseTokenKey('too-short')).toThrow(
      expect.objectContaining({ code: 'invalid-encryption-key' }),
    );
  });
});
