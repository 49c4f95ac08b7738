import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretKeyring } from '@flowgraph/kernel';

/**
 * Moves every credential not under the keyring's current key to it, so that once it has run an
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

/**
 * Batches by id, each row written with compare-and-set: an action running meanwhile reads either
 * value, and both decrypt, since the old key stays in SECRET_KEYS until this is done.
 */
export async function reencryptCredentials(em: EntityManager, keyring: SecretKeyring, batchSize = BATCH): Promise<CredentialReencryption> {
  const result: CredentialReencryption = { reencrypted: 0, changedMeanwhile: 0, unreadable: 0 };
  for (let afterId = BEFORE_EVERY_ID; ;) {
    const rows = await em.execute<{ integration_id: string; secret: string }[]>('select * from integration.credentials_after(?, ?)', [
      afterId,
      batchSize,
    ]);
    for (const { integration_id: id, secret } of rows) {
      if (keyring.isCurrent(secret)) continue;
      let plaintext: string;
      try {
        plaintext = keyring.decrypt(secret, id);
      } catch {
        result.unreadable += 1;
        continue;
      }
      const [row] = await em.execute<{ replaced: boolean }[]>('select integration.replace_credential(?, ?, ?) as replaced', [
        id,
        secret,
        keyring.encrypt(plaintext, id),
      ]);
      result[row?.replaced ? 'reencrypted' : 'changedMeanwhile'] += 1;
    }
    if (rows.length < batchSize) return result;
    afterId = rows[rows.length - 1]!.integration_id;
  }
}
