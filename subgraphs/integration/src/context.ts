import type { RequestContext } from '@flowgraph/kernel';
import {
  createIntegrationsContext,
  type IntegrationsContext,
  type IntegrationsModuleDeps,
} from './modules/integrations/integrations.context';

export interface IntegrationContext extends RequestContext {
  loaders: IntegrationsContext['loaders'];
  integrations: IntegrationsContext['integrations'];
}

/** Builds each request's context from the process-wide pieces the modules need. */
export function createContextFactory(deps: IntegrationsModuleDeps): (base: RequestContext) => IntegrationContext {
  return (base) => {
    const integrations = createIntegrationsContext(base, deps);
    return { ...base, loaders: { ...integrations.loaders }, integrations: integrations.integrations };
  };
}
