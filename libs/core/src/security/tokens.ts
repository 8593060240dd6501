import { createHash, randomBytes } from 'node:crypto';

/** A new random token for a link or a session: 256 bits, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are stored only as their SHA-256: they are random, so a fast hash is enough (no salt or
 * slow hash needed), and a database leak reveals no usable token.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
