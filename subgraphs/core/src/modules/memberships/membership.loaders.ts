import { firstPageLoaders, groupLoader } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import type { MembershipRepository } from './membership.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createMembershipLoaders(repository: MembershipRepository, scope: RequestScope) {
  return {
    /** Read at batch time, so a scope set mid-request (logIn) is the one applied. */
    byUser: groupLoader(
      (userIds) => repository.findVisibleByUsers(userIds, scope.current),
      (m) => m.userId,
    ),
    /** The first `count` members of each organization. */
    firstPageByOrg: firstPageLoaders(
      (orgIds, count: number) => repository.firstPageByOrgs(orgIds, count),
      (m) => m.orgId,
    ),
  };
}

export type MembershipLoaders = ReturnType<typeof createMembershipLoaders>;
