import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, notFound, requireRole, validationError, type Identity, type SecretKeyring } from '@flowgraph/kernel';
import { connectorOf } from '../connectors/registry';
import { IntegrationEntity, type Integration } from '../integrations/integration.entity';
import { WebhookSecretRepository } from './webhook-secret.repository';

/** Where a provider sends an integration's deliveries: the gateway forwards them to this subgraph. */
export const providerWebhookUrl = (publicUrl: string, connector: string, integrationId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/webhooks/${connector}/${integrationId}`;

/** Provider signing secrets are 16+ characters (Slack's are 32 hex); longer than this is a paste error. */
const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 200;

export interface WebhookSecretView {
  integration: Integration;
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
    const integration = await this.receivingIntegration(integrationId);
    const secret = await new WebhookSecretRepository(this.em, this.keyring).ensure(caller.orgId, integration.id);
    return { integration, secret, url: providerWebhookUrl(this.publicUrl, integration.provider, integration.id) };
  }

  /**
   * Stores the secret the provider signs with when it chooses it (Slack's app signing secret);
   * answers only the URL. Admins only.
   */
  async setWebhookSecret(identity: Identity, integrationId: string, secret: string): Promise<{ integration: Integration; url: string }> {
    const caller = requireRole(identity, 'admin', 'integrations:write');
    if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) {
      throw validationError([{ field: 'secret', message: `Must be ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters` }]);
    }
    const integration = await this.receivingIntegration(integrationId);
    await new WebhookSecretRepository(this.em, this.keyring).set(caller.orgId, integration.id, secret);
    return { integration, url: providerWebhookUrl(this.publicUrl, integration.provider, integration.id) };
  }

  /** An integration of the caller's organization whose connector receives webhooks and that is not disconnected. */
  private async receivingIntegration(integrationId: string): Promise<Integration> {
    const integration = isUuid(integrationId) ? await this.em.findOne(IntegrationEntity, { id: integrationId }) : null;
    if (!integration) throw notFound('Integration');
    if (!connectorOf(integration.provider)?.webhooks) {
      throw validationError([{ field: 'id', message: 'This connector receives no webhooks' }]);
    }
    if (integration.status === 'disconnected') {
      throw validationError([{ field: 'id', message: 'The integration is disconnected' }]);
    }
    return integration;
  }
}
