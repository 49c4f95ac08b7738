import { rowLoader } from '@flowgraph/kernel';
import type { OrganizationRepository } from './organization.repository';

export function createOrganizationLoaders(repository: OrganizationRepository) {
  return {
    byId: rowLoader(
      (ids) => repository.findByIds(ids),
      (o) => o.id,
    ),
  };
}

export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;
