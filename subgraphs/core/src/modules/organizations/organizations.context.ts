import type { RequestContext } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import type { AuditService } from '../audit/audit.service';
import type { PlatformEvents } from '../events/platform-events';
import type { MembershipLoaders } from '../memberships/membership.loaders';
import type { MembershipRepository } from '../memberships/membership.repository';
import { createOrganizationLoaders, type OrganizationLoaders } from './organization.loaders';
import { OrganizationRepository } from './organization.repository';
import { OrganizationService } from './organization.service';

/** The organizations module's share of a request context. */
export function createOrganizationsContext(
  base: Pick<RequestContext, 'em'>,
  shares: {
    scope: RequestScope;
    memberships: { repository: MembershipRepository; loaders: MembershipLoaders };
    audit: AuditService;
    platformEvents: PlatformEvents;
  },
): { loaders: OrganizationLoaders; service: OrganizationService } {
  const repository = new OrganizationRepository(base.em);
  const loaders = createOrganizationLoaders(repository);
  return {
    loaders,
    service: new OrganizationService(repository, shares.memberships.repository, shares.audit, shares.scope, shares.platformEvents, {
      organizations: loaders,
      memberships: shares.memberships.loaders,
    }),
  };
}
