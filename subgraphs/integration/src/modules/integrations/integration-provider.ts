import type { IntegrationProvider } from '../../generated/graphql';
import type { IntegrationProviderValue } from './integration.entity';

/** The API spells providers as GraphQL enum values (GOOGLE_DRIVE); the table stores them lowercase. */
export function providerToGraphQL(value: IntegrationProviderValue): IntegrationProvider {
  return value.toUpperCase() as IntegrationProvider;
}

export function providerFromGraphQL(value: IntegrationProvider): IntegrationProviderValue {
  return value.toLowerCase() as IntegrationProviderValue;
}
