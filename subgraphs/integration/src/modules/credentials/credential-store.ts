import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretKeyring } from '@flowgraph/kernel';

/** Credentials as stored (encrypted): what a connector needs, plus what refreshing an OAuth token needs. */
export type StoredCredentials =
  | { kind: 'oauth2'; accessToken: string; refreshToken?: string; expiresAt?: string; scope?: string }
  | { kind: 'api_key'; values: Record<string, string> };

/**
 * An integration's credentials, encrypted under the keyring (AES-256-GCM, key id recorded in
 * each ciphertext) and bound to the integration id, so a ciphertext copied onto another row does
 * not decrypt. Row-level security limits every query to the transaction's organization.
 */
export class CredentialStore {
  constructor(
    private readonly em: EntityManager,
    private readonly keyring: SecretKeyring,
  ) {}

  async save(orgId: string, integrationId: string, credentials: StoredCredentials): Promise<void> {
    const secret = this.keyring.encrypt(JSON.stringify(credentials), integrationId);
    const expiresAt = credentials.kind === 'oauth2' ? (credentials.expiresAt ?? null) : null;
    await this.em.execute(
      `insert into integration.credentials (integration_id, org_id, secret, expires_at, updated_at) values (?, ?, ?, ?, now())
       on conflict (integration_id) do update set secret = excluded.secret, expires_at = excluded.expires_at, updated_at = now()`,
      [integrationId, orgId, secret, expiresAt],
    );
  }

  /** `forUpdate` locks the row until the transaction ends: one token refresh at a time. */
  async load(integrationId: string, options: { forUpdate?: boolean } = {}): Promise<StoredCredentials | null> {
    const lock = options.forUpdate ? ' for update' : '';
    const [row] = await this.em.execute<{ secret: string }[]>(
      `select secret from integration.credentials where integration_id = ?${lock}`,
      [integrationId],
    );
    return row ? (JSON.parse(this.keyring.decrypt(row.secret, integrationId)) as StoredCredentials) : null;
  }

  async remove(integrationId: string): Promise<void> {
    await this.em.execute('delete from integration.credentials where integration_id = ?', [integrationId]);
  }
}
