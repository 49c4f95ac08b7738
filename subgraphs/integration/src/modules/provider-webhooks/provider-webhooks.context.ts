import type { RequestContext, SecretKeyring } from '@flowgraph/kernel';
import { WebhookSecretService } from './webhook-secret.service';

/** The process-wide pieces the provider-webhooks module's API needs. */
export interface ProviderWebhooksModuleContextDeps {
  keyring: SecretKeyring;
  /** PUBLIC_URL: webhook URLs start with it. */
  publicUrl: string;
}

/** The provider-webhooks module's share of the request context. */
export interface ProviderWebhooksContext {
  webhookSecrets: WebhookSecretService;
}

export function createProviderWebhooksContext(base: RequestContext, deps: ProviderWebhooksModuleContextDeps): ProviderWebhooksContext {
  return { webhookSecrets: new WebhookSecretService(base.em, deps.keyring, deps.publicUrl) };
}
