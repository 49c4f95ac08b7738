import type { RequestContext, SecretKeyring } from '@flowgraph/kernel';
import { CredentialStore } from '../credentials/credential-store';
import type { OAuthService } from '../oauth/oauth.service';
import { createIntegrationLoaders, type IntegrationLoaders } from './integration.loaders';
import { IntegrationRepository } from './integration.repository';
import { IntegrationService } from './integration.service';

/** The process-wide pieces the integrations module needs. */
export interface IntegrationsModuleDeps {
  oauth: OAuthService;
  keyring: SecretKeyring;
}

/** The integrations module's share of the request context. */
export interface IntegrationsContext {
  loaders: { integrations: IntegrationLoaders };
  integrations: IntegrationService;
}

export function createIntegrationsContext(base: RequestContext, deps: IntegrationsModuleDeps): IntegrationsContext {
  const repository = new IntegrationRepository(base.em);
  const loaders = createIntegrationLoaders(repository);
  const credentials = new CredentialStore(base.em, deps.keyring);
  return {
    loaders: { integrations: loaders },
    integrations: new IntegrationService({ repository, loaders, credentials, oauth: deps.oauth }),
  };
}
