import { groupLoader, rowLoader } from '@flowgraph/kernel';
import type { IntegrationRepository } from './integration.repository';

/** `User.integrations` is a bounded list, not a connection: a user has a handful of tools. */
export const MAX_INTEGRATIONS_PER_USER = 100;

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createIntegrationLoaders(repository: IntegrationRepository) {
  return {
    byId: rowLoader(
      (ids) => repository.findByIds(ids),
      (i) => i.id,
    ),
    byUser: groupLoader(
      (userIds) => repository.listByUsers(userIds, MAX_INTEGRATIONS_PER_USER),
      (i) => i.userId,
    ),
  };
}

export type IntegrationLoaders = ReturnType<typeof createIntegrationLoaders>;
