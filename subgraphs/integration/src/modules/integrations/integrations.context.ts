import type { RequestContext } from '@flowgraph/kernel';
import { createIntegrationLoaders, type IntegrationLoaders } from './integration.loaders';
import { IntegrationRepository } from './integration.repository';
import { IntegrationService } from './integration.service';

/** The integrations module's share of the request context. */
export interface IntegrationsContext {
  loaders: { integrations: IntegrationLoaders };
  integrations: IntegrationService;
}

export function createIntegrationsContext(base: RequestContext): IntegrationsContext {
  const repository = new IntegrationRepository(base.em);
  const loaders = createIntegrationLoaders(repository);
  return { loaders: { integrations: loaders }, integrations: new IntegrationService(repository, loaders) };
}
