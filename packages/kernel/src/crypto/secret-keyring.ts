import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../config';

/** One AES-256 key and the id ciphertexts name it by. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const FORMAT = 'k1';
const LEGACY_FORMAT = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Encrypts secrets that must be read back in clear (webhook signing secrets, connector tokens)
 * with AES-256-GCM. Several keys are held, each with an id; new values are encrypted under the
 * current one and record its id (`k1:<keyId>.<iv>.<tag>.<ciphertext>`, base64url), so a value is
 * decrypted with whichever key made it and a new key can be introduced while old values are
 * re-encrypted in the background (`isCurrent` finds them). The AAD binds a value to its owner (a
 * row id): a ciphertext copied elsewhere does not decrypt. Errors never contain the value.
 *
 * `legacyV1Key` reads `v1.<iv>.<tag>.<ciphertext>`, the format written before key ids existed.
 */
export class SecretKeyring {
  private readonly keys = new Map<string, Buffer>();
  private readonly legacyV1Key?: Buffer;

  constructor(
    keys: SecretKey[],
    readonly currentKeyId: string,
    options: { legacyV1Key?: Buffer } = {},
  ) {
    for (const { id, key } of [...keys, ...(options.legacyV1Key ? [{ id: LEGACY_FORMAT, key: options.legacyV1Key }] : [])]) {
      if (key.length !== 32) throw new Error(`encryption key '${id}' must be 32 bytes`);
    }
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) throw new Error(`encryption key id '${id}' must be 1-32 letters, digits, '-' or '_'`);
      if (this.keys.has(id)) throw new Error(`encryption key id '${id}' is given twice`);
      this.keys.set(id, key);
    }
    if (!this.keys.has(currentKeyId)) throw new Error(`the current key '${currentKeyId}' is not among the keys`);
    this.legacyV1Key = options.legacyV1Key;
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return `${FORMAT}:${this.currentKeyId}.${parts.join('.')}`;
  }

  /** Throws when the format is unknown, the key id is not held, or the value was not made with that key for this AAD. */
  decrypt(stored: string, aad: string): string {
    const { key, iv, tag, ciphertext } = this.parse(stored);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('secret does not decrypt: wrong key, wrong owner or altered value');
    }
  }

  /** Whether `stored` is under the current key (else the re-encryption job rewrites it). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${FORMAT}:${this.currentKeyId}.`);
  }

  private parse(stored: string): { key: Buffer; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
    const [head, iv, tag, ciphertext, ...rest] = stored.split('.');
    if (!iv || !tag || ciphertext === undefined || rest.length > 0) throw new Error('unknown secret format');
    let key: Buffer | undefined;
    if (head === LEGACY_FORMAT) {
      key = this.legacyV1Key;
      if (!key) throw new Error('secret is in the legacy v1 format and no legacy key is configured');
    } else if (head.startsWith(`${FORMAT}:`)) {
      const keyId = head.slice(FORMAT.length + 1);
      key = this.keys.get(keyId);
      if (!key) throw new Error(`unknown encryption key id '${keyId.slice(0, 32)}'`);
    } else {
      throw new Error('unknown secret format');
    }
    const decoded = [iv, tag, ciphertext].map((part) => Buffer.from(part, 'base64url'));
    if (decoded[0].length !== 12 || decoded[1].length !== 16) throw new Error('unknown secret format');
    return { key, iv: decoded[0], tag: decoded[1], ciphertext: decoded[2] };
  }
}

/** A development key (id `dev`), refused when NODE_ENV=production. */
const DEV_KEY = Buffer.alloc(32, 'flowgraph-dev-secret-key');
const DEV_SECRET_KEYS = `dev:${DEV_KEY.toString('base64')}`;

const secretKeyList = z
  .string()
  .default(DEV_SECRET_KEYS)
  .transform((value, context) => {
    const keys: SecretKey[] = [];
    for (const entry of value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator);
      const key = Buffer.from(entry.slice(separator + 1), 'base64');
      if (separator < 1 || !KEY_ID.test(id) || key.length !== 32) {
        // The entry itself is secret: only its position is named.
        context.addIssue({ code: 'custom', message: `entry ${keys.length + 1} is not <id>:<base64 of 32 bytes>` });
        return z.NEVER;
      }
      keys.push({ id, key });
    }
    if (keys.length === 0) {
      context.addIssue({ code: 'custom', message: 'at least one key is needed' });
      return z.NEVER;
    }
    return keys;
  });

/**
 * The keys secrets at rest are encrypted with: `SECRET_KEYS="<id>:<base64 of 32 bytes>,…"` and
 * `SECRET_KEY_CURRENT=<id>` (may be left out when there is one key). Rotation: add a key, make it
 * current, let the re-encryption jobs run, then remove the old one (docs/operations.md).
 */
export const secretKeysShape = {
  SECRET_KEYS: secretKeyList,
  SECRET_KEY_CURRENT: z.string().optional(),
};

type SecretKeysConfig = { NODE_ENV: string; SECRET_KEYS: SecretKey[]; SECRET_KEY_CURRENT?: string };

/** The keyring the configuration describes; a ConfigError when the current key is unclear or the development key is used in production. */
export function secretKeyringFromConfig(config: SecretKeysConfig, options: { legacyV1Key?: Buffer } = {}): SecretKeyring {
  const keys = config.SECRET_KEYS;
  if (config.NODE_ENV === 'production' && keys.some((k) => k.id === 'dev' && k.key.equals(DEV_KEY))) {
    throw new ConfigError('SECRET_KEYS must be set in production');
  }
  const current = config.SECRET_KEY_CURRENT ?? (keys.length === 1 ? keys[0].id : undefined);
  if (!current) throw new ConfigError('SECRET_KEY_CURRENT must name one of SECRET_KEYS when there are several');
  if (!keys.some((k) => k.id === current)) throw new ConfigError(`SECRET_KEY_CURRENT '${current}' is not among SECRET_KEYS`);
  return new SecretKeyring(keys, current, options);
}
