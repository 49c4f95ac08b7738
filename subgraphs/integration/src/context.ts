import type { RequestContext } from '@flowgraph/kernel';
import {
  createIntegrationsContext,
  type IntegrationsContext,
  type IntegrationsModuleDeps,
} from './modules/integrations/integrations.context';
import {
  createProviderWebhooksContext,
  type ProviderWebhooksContext,
  type ProviderWebhooksModuleContextDeps,
} from './modules/provider-webhooks/provider-webhooks.context';

export interface IntegrationContext extends RequestContext {
  loaders: IntegrationsContext['loaders'];
  integrations: IntegrationsContext['integrations'];
  webhookSecrets: ProviderWebhooksContext['webhookSecrets'];
}

/** Builds each request's context from the process-wide pieces the modules need. */
export function createContextFactory(
  deps: IntegrationsModuleDeps & ProviderWebhooksModuleContextDeps,
): (base: RequestContext) => IntegrationContext {
  return (base) => {
    const integrations = createIntegrationsContext(base, deps);
    const webhooks = createProviderWebhooksContext(base, deps);
    return { ...base, loaders: { ...integrations.loaders }, integrations: integrations.integrations, ...webhooks };
  };
}
