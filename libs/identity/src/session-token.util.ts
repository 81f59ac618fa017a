import { createHash, randomBytes } from 'node:crypto';

/** A new opaque secret (a refresh token, a dashboard ticket): 32 random bytes, base64url. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of an opaque token: its SHA-256 in hex (the tokens are random, so no salt is needed). */
export function opaqueTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
