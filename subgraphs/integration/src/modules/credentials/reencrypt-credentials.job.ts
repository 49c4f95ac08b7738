import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretKeyring } from '@flowgraph/kernel';
import { webhookSecretAad } from '../provider-webhooks/webhook-secret.repository';

/**
 * Moves every credential and webhook secret not under the keyring's current key to it, so that once it has run an
 * old key can be removed from SECRET_KEYS. Runs daily and at each worker start.
 */
export const REENCRYPT_CREDENTIALS_JOB = 'reencrypt-credentials';
export const REENCRYPT_CREDENTIALS_SCHEDULE = { pattern: '30 4 * * *', tz: 'UTC' } as const;

const BATCH = 200;
const BEFORE_EVERY_ID = '00000000-0000-0000-0000-000000000000';

export interface CredentialReencryption {
  reencrypted: number;
  /** Rows changed between read and write (a token refreshed meanwhile): left as the other writer put them, already current. */
  changedMeanwhile: number;
  /** Rows no held key decrypts (a key removed too early): left, and logged by the caller. */
  unreadable: number;
}

/** One table of keyring ciphertexts, read and written through its SECURITY DEFINER pair (RLS hides other organizations). */
interface EncryptedTable {
  /** `(after_id uuid, batch_size int) returns table (integration_id uuid, secret text)`. */
  after: string;
  /** `(target uuid, expected text, replacement text) returns boolean`: compare-and-set. */
  replace: string;
  aad: (integrationId: string) => string;
}

const CREDENTIALS: EncryptedTable = {
  after: 'integration.credentials_after',
  replace: 'integration.replace_credential',
  aad: (id) => id,
};
const WEBHOOK_SECRETS: EncryptedTable = {
  after: 'integration.webhook_secrets_after',
  replace: 'integration.replace_webhook_secret',
  aad: webhookSecretAad,
};

/**
 * Connector credentials and provider webhook secrets (the counts are their sum). Batches by id,
 * each row written with compare-and-set: an action or delivery running meanwhile reads either
 * value, and both decrypt, since the old key stays in SECRET_KEYS until this is done.
 */
export async function reencryptCredentials(em: EntityManager, keyring: SecretKeyring, batchSize = BATCH): Promise<CredentialReencryption> {
  const result: CredentialReencryption = { reencrypted: 0, changedMeanwhile: 0, unreadable: 0 };
  for (const table of [CREDENTIALS, WEBHOOK_SECRETS]) await reencryptTable(em, keyring, table, batchSize, result);
  return result;
}

async function reencryptTable(
  em: EntityManager,
  keyring: SecretKeyring,
  table: EncryptedTable,
  batchSize: number,
  result: CredentialReencryption,
): Promise<void> {
  for (let afterId = BEFORE_EVERY_ID; ;) {
    const rows = await em.execute<{ integration_id: string; secret: string }[]>(`select * from ${table.after}(?, ?)`, [afterId, batchSize]);
    for (const { integration_id: id, secret } of rows) {
      if (keyring.isCurrent(secret)) continue;
      let plaintext: string;
      try {
        plaintext = keyring.decrypt(secret, table.aad(id));
      } catch {
        result.unreadable += 1;
        continue;
      }
      const [row] = await em.execute<{ replaced: boolean }[]>(`select ${table.replace}(?, ?, ?) as replaced`, [
        id,
        secret,
        keyring.encrypt(plaintext, table.aad(id)),
      ]);
      result[row?.replaced ? 'reencrypted' : 'changedMeanwhile'] += 1;
    }
    if (rows.length < batchSize) return;
    afterId = rows[rows.length - 1]!.integration_id;
  }
}
