import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, type SecretKeyring } from '@flowgraph/kernel';

/** The AAD a webhook secret is encrypted with: a ciphertext copied onto another row (or into credentials) does not decrypt. */
export const webhookSecretAad = (integrationId: string) => `webhook:${integrationId}`;

/** What a delivery to `/webhooks/<connector>/<integrationId>` is checked against. */
export interface WebhookTarget {
  orgId: string;
  /** The integration's owner: the events are attributed to them. */
  userId: string;
  connector: string;
  status: string;
  /** Decrypted; null when no secret was ever asked for (nothing can verify). */
  secret: string | null;
}

/** Per-integration webhook secrets, encrypted under the keyring. */
export class WebhookSecretRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly keyring: SecretKeyring,
  ) {}

  /**
   * The integration's secret, created (32 random bytes, hex) the first time. Row-level security
   * scopes this to the transaction's organization; a concurrent first call keeps the first insert.
   */
  async ensure(orgId: string, integrationId: string): Promise<string> {
    const fresh = this.keyring.encrypt(randomBytes(32).toString('hex'), webhookSecretAad(integrationId));
    await this.em.execute(
      'insert into integration.webhook_secrets (integration_id, org_id, secret) values (?, ?, ?) on conflict (integration_id) do nothing',
      [integrationId, orgId, fresh],
    );
    const [row] = await this.em.execute<{ secret: string }[]>('select secret from integration.webhook_secrets where integration_id = ?', [
      integrationId,
    ]);
    return this.keyring.decrypt(row!.secret, webhookSecretAad(integrationId));
  }

  /** Replaces the secret with one the provider chose (Slack signs with its app's signing secret). */
  async set(orgId: string, integrationId: string, secret: string): Promise<void> {
    await this.em.execute(
      `insert into integration.webhook_secrets (integration_id, org_id, secret) values (?, ?, ?)
       on conflict (integration_id) do update set secret = excluded.secret`,
      [integrationId, orgId, this.keyring.encrypt(secret, webhookSecretAad(integrationId))],
    );
  }

  /** Unscoped (deliveries carry no organization): through the SECURITY DEFINER lookup. Null for an unknown id. */
  async target(integrationId: string): Promise<WebhookTarget | null> {
    if (!isUuid(integrationId)) return null;
    const [row] = await this.em.execute<{ org_id: string; user_id: string; provider: string; status: string; secret: string | null }[]>(
      'select * from integration.webhook_target(?)',
      [integrationId],
    );
    if (!row) return null;
    return {
      orgId: row.org_id,
      userId: row.user_id,
      connector: row.provider,
      status: row.status,
      secret: row.secret === null ? null : this.keyring.decrypt(row.secret, webhookSecretAad(integrationId)),
    };
  }
}
