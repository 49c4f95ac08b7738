import type DataLoader from 'dataloader';
import { groupLoader } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import type { Membership } from './membership.entity';
import type { MembershipRepository } from './membership.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createMembershipLoaders(repository: MembershipRepository, scope: RequestScope) {
  const firstPages = new Map<number, DataLoader<string, Membership[]>>();
  return {
    /** Read at batch time, so a scope set mid-request (logIn) is the one applied. */
    byUser: groupLoader((userIds) => repository.findVisibleByUsers(userIds, scope.current), (m) => m.userId),
    /** The first page of each organization's members; one loader per page size (plus one row to detect a next page). */
    firstPageByOrg(limit: number): DataLoader<string, Membership[]> {
      let loader = firstPages.get(limit);
      if (!loader) {
        loader = groupLoader((orgIds) => repository.firstPageByOrgs(orgIds, limit + 1), (m) => m.orgId);
        firstPages.set(limit, loader);
      }
      return loader;
    },
  };
}

export type MembershipLoaders = ReturnType<typeof createMembershipLoaders>;
