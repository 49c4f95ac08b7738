import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretKeyring } from '@flowgraph/kernel';
import { TriggerRepository } from './trigger.repository';

/**
 * Moves every webhook secret not under the keyring's current key to it, so that once it has run
 * an old key can be removed from SECRET_KEYS (and WEBHOOK_SECRET_KEY's legacy secrets are gone).
 * Runs daily and once at each worker start, so a new current key takes effect soon.
 */
export const REENCRYPT_WEBHOOK_SECRETS_JOB = 'reencrypt-webhook-secrets';
export const REENCRYPT_WEBHOOK_SECRETS_SCHEDULE = { pattern: '15 4 * * *', tz: 'UTC' } as const;

const BATCH = 200;
const BEFORE_EVERY_ID = '00000000-0000-0000-0000-000000000000';

export interface ReencryptionResult {
  reencrypted: number;
  /** Rows whose secret changed between read and write: left as the other writer put them. */
  changedMeanwhile: number;
  /** Rows no held key decrypts (a key removed too early): left, and logged by the caller. */
  unreadable: number;
}

/**
 * Batches by id, each row written with compare-and-set: a webhook delivery verified meanwhile
 * reads either value, and both decrypt, since the old key stays in SECRET_KEYS until this is done.
 */
export async function reencryptWebhookSecrets(em: EntityManager, keyring: SecretKeyring, batchSize = BATCH): Promise<ReencryptionResult> {
  const repository = new TriggerRepository(em);
  const result: ReencryptionResult = { reencrypted: 0, changedMeanwhile: 0, unreadable: 0 };
  for (let afterId = BEFORE_EVERY_ID; ;) {
    const rows = await repository.webhookSecretsAfter(afterId, batchSize);
    for (const { id, encryptedSecret } of rows) {
      if (keyring.isCurrent(encryptedSecret)) continue;
      let secret: string;
      try {
        secret = keyring.decrypt(encryptedSecret, id);
      } catch {
        result.unreadable += 1;
        continue;
      }
      const replaced = await repository.replaceWebhookSecret(id, encryptedSecret, keyring.encrypt(secret, id));
      result[replaced ? 'reencrypted' : 'changedMeanwhile'] += 1;
    }
    if (rows.length < batchSize) return result;
    afterId = rows[rows.length - 1].id;
  }
}
