import { hkdfSync, randomBytes } from 'node:crypto';
import { SecretKeyring, secretKeyringFromConfig } from '@flowgraph/kernel';
import type { WorkflowConfig } from '../../config';

/** A new signing secret: 32 random bytes, shown to the user once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Webhook secrets are needed in clear to verify signatures, so they cannot be hashed like API
 * keys: they are encrypted with the kernel's SecretKeyring (AES-256-GCM under SECRET_KEYS' current
 * key). The trigger id is the additional authenticated data, so a ciphertext copied onto another
 * trigger's row does not decrypt. Secrets stored before key ids (`v1.…`) were encrypted under a
 * key derived (HKDF-SHA256) from WEBHOOK_SECRET_KEY: it stays readable as the legacy key until the
 * re-encryption job has moved them to the current key.
 */
export function webhookSecretKeyring(
  config: Pick<WorkflowConfig, 'NODE_ENV' | 'SECRET_KEYS' | 'SECRET_KEY_CURRENT' | 'WEBHOOK_SECRET_KEY'>,
): SecretKeyring {
  const legacyV1Key = Buffer.from(hkdfSync('sha256', config.WEBHOOK_SECRET_KEY, 'flowgraph', 'webhook-secrets v1', 32));
  return secretKeyringFromConfig(config, { legacyV1Key });
}
