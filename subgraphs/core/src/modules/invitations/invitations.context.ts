import type { RequestContext } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import type { AuditService } from '../audit/audit.service';
import type { AccessRevocations } from '../auth/access-revocation';
import type { SessionService } from '../auth/session.service';
import type { PlatformEvents } from '../events/platform-events';
import type { MembershipRepository } from '../memberships/membership.repository';
import type { UserLoaders } from '../users/user.loaders';
import { InvitationRepository } from './invitation.repository';
import { InvitationService } from './invitation.service';

/** Process-wide pieces the invitations module needs per request. */
export interface InvitationModuleDeps {
  revocations: AccessRevocations;
  /** INVITATION_TTL_SECONDS. */
  ttlSeconds: number;
}

/** The invitations module's share of a request context. */
export function createInvitationsContext(
  base: Pick<RequestContext, 'em'>,
  deps: InvitationModuleDeps,
  shares: {
    scope: RequestScope;
    memberships: MembershipRepository;
    users: UserLoaders;
    sessions: SessionService;
    audit: AuditService;
    platformEvents: PlatformEvents;
  },
): { service: InvitationService } {
  return {
    service: new InvitationService({
      invitations: new InvitationRepository(base.em),
      memberships: shares.memberships,
      users: shares.users,
      sessions: shares.sessions,
      audit: shares.audit,
      platformEvents: shares.platformEvents,
      access: deps.revocations,
      scope: shares.scope,
      ttlSeconds: deps.ttlSeconds,
    }),
  };
}
