import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** A new signing secret: 32 random bytes, shown to the user once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Webhook secrets are needed in clear to verify signatures, so they cannot be hashed like API
 * keys: they are encrypted with AES-256-GCM under a key derived (HKDF-SHA256) from
 * WEBHOOK_SECRET_KEY. The trigger id is the additional authenticated data, so a ciphertext copied
 * onto another trigger's row does not decrypt. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url);
 * the version leaves room for key rotation.
 */
export class WebhookSecretCipher {
  private readonly key: Buffer;

  constructor(masterKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, 'flowgraph', 'webhook-secrets v1', 32));
  }

  encrypt(secret: string, triggerId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(triggerId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws when the value was not produced by `encrypt` with this key for this trigger. */
  decrypt(stored: string, triggerId: string): string {
    const [version, iv, tag, ciphertext] = stored.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('unknown webhook secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(triggerId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
