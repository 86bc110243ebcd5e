import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '@velog-insights/shared';

/** A token encrypted with AES-256-GCM; `keyId` names the key, so keys can rotate. */
export interface EncryptedToken {
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

export interface TokenKey {
  id: string;
  key: Buffer;
}

/**
 * Parses `TOKEN_ENCRYPTION_KEY`: 32 bytes as 64 hex characters or as base64. The key id is
 * derived from the key itself, so a stored token names the key it needs without a registry.
 */
export function parseTokenKey(value: string): TokenKey {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new AppError(
      'invalid-encryption-key',
      'TOKEN_ENCRYPTION_KEY must be 32 bytes, written as 64 hex characters or as base64',
      { status: 500 },
    );
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export function generateTokenKey(): string {
  return randomBytes(32).toString('hex');
}

export function encryptToken(plaintext: string, key: TokenKey): EncryptedToken {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    keyId: key.id,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Decrypts with whichever of `keys` the token names; a tampered token fails authentication. */
export function decryptToken(token: EncryptedToken, keys: readonly TokenKey[]): string {
  const key = keys.find((candidate) => candidate.id === token.keyId);
  if (!key) {
    throw new AppError('encryption-key-missing', `no key with id ${token.keyId} is configured`, {
      status: 500,
    });
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(token.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(token.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(token.data, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch (cause) {
    throw new AppError('token-decrypt-failed', 'a stored token could not be decrypted', {
      status: 500,
      cause,
    });
  }
}
