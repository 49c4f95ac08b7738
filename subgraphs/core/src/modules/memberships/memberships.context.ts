import type { RequestContext } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import type { AuditService } from '../audit/audit.service';
import type { AccessRevocations } from '../auth/access-revocation';
import { createMembershipLoaders, type MembershipLoaders } from './membership.loaders';
import { MembershipRepository } from './membership.repository';
import { MembershipService } from './membership.service';

/** Process-wide pieces the memberships module needs per request. */
export interface MembershipModuleDeps {
  revocations: AccessRevocations;
}

/** The memberships module's share of a request context; `repository` is for the modules that grant memberships, not for the context. */
export function createMembershipsContext(
  base: Pick<RequestContext, 'em' | 'afterCommit'>,
  deps: MembershipModuleDeps,
  shares: { scope: RequestScope; audit: AuditService },
): { loaders: MembershipLoaders; service: MembershipService; repository: MembershipRepository } {
  const repository = new MembershipRepository(base.em);
  const loaders = createMembershipLoaders(repository, shares.scope);
  return {
    loaders,
    service: new MembershipService(repository, shares.audit, deps.revocations, base.afterCommit, loaders),
    repository,
  };
}
