import type { RequestContext } from '@flowgraph/kernel';
import { createApiKeysContext } from './modules/api-keys/api-keys.context';
import { createAuditContext } from './modules/audit/audit.context';
import { createAuthContext, createSessionsContext, type AuthModuleDeps } from './modules/auth/auth.context';
import type { SessionLoaders } from './modules/auth/auth.loaders';
import type { AuthService } from './modules/auth/auth.service';
import type { SessionService } from './modules/auth/session.service';
import type { ApiKeyService } from './modules/api-keys/api-key.service';
import type { AuditService } from './modules/audit/audit.service';
import type { EventLoaders } from './modules/events/event.loaders';
import type { EventService } from './modules/events/event.service';
import { createDataSubjectContext, type DataSubjectModuleDeps } from './modules/data-subject/data-subject.context';
import { createEventsContext } from './modules/events/events.context';
import { createInvitationsContext, type InvitationModuleDeps } from './modules/invitations/invitations.context';
import type { InvitationService } from './modules/invitations/invitation.service';
import type { MembershipLoaders } from './modules/memberships/membership.loaders';
import type { MembershipService } from './modules/memberships/membership.service';
import { createMembershipsContext, type MembershipModuleDeps } from './modules/memberships/memberships.context';
import type { OrganizationLoaders } from './modules/organizations/organization.loaders';
import type { OrganizationService } from './modules/organizations/organization.service';
import { createOrganizationsContext } from './modules/organizations/organizations.context';
import { PolicyAcceptanceRepository } from './modules/policy-consent/policy-acceptance.repository';
import { createPolicyConsentContext, type PolicyConsentModuleDeps } from './modules/policy-consent/policy-consent.context';
import type { PolicyConsentService } from './modules/policy-consent/policy-consent.service';
import type { UserLoaders } from './modules/users/user.loaders';
import { createUsersContext } from './modules/users/users.context';
import { RequestScope } from './scopes';

export interface CoreContext extends RequestContext {
  loaders: {
    users: UserLoaders;
    organizations: OrganizationLoaders;
    memberships: MembershipLoaders;
    sessions: SessionLoaders;
    events: EventLoaders;
  };
  auth: AuthService;
  sessions: SessionService;
  organizations: OrganizationService;
  memberships: MembershipService;
  invitations: InvitationService;
  policyConsent: PolicyConsentService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  events: EventService;
  dataSubject: ReturnType<typeof createDataSubjectContext>;
}

/** Process-wide pieces the per-request context is built from, by module. */
export interface ContextDeps {
  auth: AuthModuleDeps;
  memberships: MembershipModuleDeps;
  invitations: InvitationModuleDeps;
  policyConsent: PolicyConsentModuleDeps;
  dataSubject: DataSubjectModuleDeps;
}

/** Composes the modules' shares, in dependency order (the audit service and the row scope are everyone's). */
export function createContextFactory(deps: ContextDeps): (base: RequestContext) => CoreContext {
  return (base) => {
    const scope = new RequestScope(base.em, { orgId: base.identity.orgId, userId: base.identity.userId });
    const users = createUsersContext(base);
    const audit = createAuditContext(base).service;
    const events = createEventsContext(base);
    const memberships = createMembershipsContext(base, deps.memberships, { scope, audit });
    const organizations = createOrganizationsContext(base, {
      scope,
      memberships,
      audit,
      platformEvents: events.platformEvents,
    });
    const acceptances = new PolicyAcceptanceRepository(base.em);
    const sessions = createSessionsContext(base, deps.auth, {
      scope,
      users,
      memberships: memberships.repository,
      organizations: organizations.loaders,
      audit,
      acceptances,
    });
    const policyConsent = createPolicyConsentContext(deps.policyConsent, { acceptances, sessions: sessions.service, audit });
    const invitations = createInvitationsContext(base, deps.invitations, {
      scope,
      memberships: memberships.repository,
      users: users.loaders,
      sessions: sessions.service,
      audit,
      platformEvents: events.platformEvents,
    });
    const auth = createAuthContext(deps.auth, {
      scope,
      users: users.repository,
      memberships: memberships.repository,
      organizations: organizations.service,
      invitations: invitations.service,
      sessions: sessions.service,
      policyConsent: policyConsent.service,
      audit,
      platformEvents: events.platformEvents,
    });
    return {
      loaders: {
        users: users.loaders,
        organizations: organizations.loaders,
        memberships: memberships.loaders,
        sessions: sessions.loaders,
        events: events.loaders,
      },
      auth: auth.service,
      sessions: sessions.service,
      organizations: organizations.service,
      memberships: memberships.service,
      invitations: invitations.service,
      policyConsent: policyConsent.service,
      apiKeys: createApiKeysContext(base, { audit }).service,
      audit,
      events: events.service,
      dataSubject: createDataSubjectContext(base, deps.dataSubject, { audit }),
      ...base,
    };
  };
}
