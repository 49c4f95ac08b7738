import { createHash, randomBytes } from 'node:crypto';

/** A random opaque secret (refresh tokens, API keys): 32 bytes, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Refresh tokens and API keys are high-entropy random values, so a fast unsalted sha256 is
 * enough to store them: it cannot be brute-forced and it allows lookup by hash.
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
