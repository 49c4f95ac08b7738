import type { RequestContext } from '@flowgraph/kernel';
import { createIntegrationsContext, type IntegrationsContext } from './modules/integrations/integrations.context';

export interface IntegrationContext extends RequestContext {
  loaders: IntegrationsContext['loaders'];
  integrations: IntegrationsContext['integrations'];
}

/** The integrations module needs no process-wide pieces yet, so the factory takes no deps. */
export function createContextFactory(): (base: RequestContext) => IntegrationContext {
  return (base) => {
    const integrations = createIntegrationsContext(base);
    return { ...base, loaders: { ...integrations.loaders }, integrations: integrations.integrations };
  };
}
