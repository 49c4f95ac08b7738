import type { RequestContext } from '@flowgraph/kernel';
import { createIntegrationLoaders, type IntegrationLoaders } from './modules/integrations/integration.loaders';
import { IntegrationRepository } from './modules/integrations/integration.repository';
import { IntegrationService } from './modules/integrations/integration.service';

export interface IntegrationContext extends RequestContext {
  loaders: { integrations: IntegrationLoaders };
  integrations: IntegrationService;
}

export function createIntegrationContext(base: RequestContext): IntegrationContext {
  const repository = new IntegrationRepository(base.em);
  return {
    ...base,
    loaders: { integrations: createIntegrationLoaders(repository) },
    integrations: new IntegrationService(repository),
  };
}
