import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, notFound, requireRole, validationError, type Identity, type SecretKeyring } from '@flowgraph/kernel';
import { connectorOf } from '../connectors/registry';
import { IntegrationEntity } from '../integrations/integration.entity';
import { WebhookSecretRepository } from './webhook-secret.repository';

/** Where a provider sends an integration's deliveries: the gateway forwards them to this subgraph. */
export const providerWebhookUrl = (publicUrl: string, connector: string, integrationId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/webhooks/${connector}/${integrationId}`;

export interface WebhookSecretView {
  /** To paste into the provider's webhook settings (GitHub's secret, GitLab's token, …). */
  secret: string;
  url: string;
}

/** An integration's webhook secret for its admins (the `em` is the request's, scoped to its organization). */
export class WebhookSecretService {
  constructor(
    private readonly em: EntityManager,
    private readonly keyring: SecretKeyring,
    private readonly publicUrl: string,
  ) {}

  /**
   * The secret (created at random the first time, then the same one on every call, so the admin
   * can look it up again) and the URL to configure at the provider. Admins only.
   */
  async webhookSecret(identity: Identity, integrationId: string): Promise<WebhookSecretView> {
    const caller = requireRole(identity, 'admin', 'integrations:write');
    const integration = isUuid(integrationId) ? await this.em.findOne(IntegrationEntity, { id: integrationId }) : null;
    if (!integration) throw notFound('Integration');
    if (!connectorOf(integration.provider)?.webhooks) {
      throw validationError([{ field: 'integrationId', message: 'This connector receives no webhooks' }]);
    }
    if (integration.status === 'disconnected') {
      throw validationError([{ field: 'integrationId', message: 'The integration is disconnected' }]);
    }
    const secret = await new WebhookSecretRepository(this.em, this.keyring).ensure(caller.orgId, integration.id);
    return { secret, url: providerWebhookUrl(this.publicUrl, integration.provider, integration.id) };
  }
}
