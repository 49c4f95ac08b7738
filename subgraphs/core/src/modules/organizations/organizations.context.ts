import type { RequestContext } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import type { AuditService } from '../audit/audit.service';
import type { PlatformEvents } from '../events/platform-events';
import type { MembershipRepository } from '../memberships/membership.repository';
import { createOrganizationLoaders, type OrganizationLoaders } from './organization.loaders';
import { OrganizationRepository } from './organization.repository';
import { OrganizationService } from './organization.service';

/** The organizations module's share of a request context. */
export function createOrganizationsContext(
  base: Pick<RequestContext, 'em'>,
  shares: { scope: RequestScope; memberships: MembershipRepository; audit: AuditService; platformEvents: PlatformEvents },
): { loaders: OrganizationLoaders; service: OrganizationService } {
  const repository = new OrganizationRepository(base.em);
  return {
    loaders: createOrganizationLoaders(repository),
    service: new OrganizationService(repository, shares.memberships, shares.audit, shares.scope, shares.platformEvents),
  };
}
