import type { RequestContext } from '@flowgraph/kernel';
import {
  createIntegrationsContext,
  type IntegrationsContext,
  type IntegrationsModuleDeps,
} from './modules/integrations/integrations.context';
import { createHealthContext, type HealthContext, type HealthModuleContextDeps } from './modules/health/health.context';
import {
  createProviderWebhooksContext,
  type ProviderWebhooksContext,
  type ProviderWebhooksModuleContextDeps,
} from './modules/provider-webhooks/provider-webhooks.context';

export interface IntegrationContext extends RequestContext {
  loaders: IntegrationsContext['loaders'];
  integrations: IntegrationsContext['integrations'];
  webhookSecrets: ProviderWebhooksContext['webhookSecrets'];
  health: HealthContext['health'];
  healthHistory: HealthContext['healthHistory'];
}

/** Builds each request's context from the process-wide pieces the modules need. */
export function createContextFactory(
  deps: IntegrationsModuleDeps & ProviderWebhooksModuleContextDeps & HealthModuleContextDeps,
): (base: RequestContext) => IntegrationContext {
  return (base) => {
    const integrations = createIntegrationsContext(base, deps);
    return {
      loaders: { ...integrations.loaders },
      integrations: integrations.integrations,
      ...createProviderWebhooksContext(base, deps),
      ...createHealthContext(base, deps),
      ...base,
    };
  };
}
