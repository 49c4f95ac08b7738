import type { RequestContext, Redis } from '@flowgraph/kernel';
import type { CoreConfig } from './config';
import { ApiKeyRepository } from './modules/api-keys/api-key.repository';
import { ApiKeyService } from './modules/api-keys/api-key.service';
import { AuditRepository } from './modules/audit/audit.repository';
import { AuditService } from './modules/audit/audit.service';
import { createSessionLoaders, type SessionLoaders } from './modules/auth/auth.loaders';
import { AuthService } from './modules/auth/auth.service';
import type { LoginThrottle } from './modules/auth/login-throttle';
import type { PasswordHasher } from './modules/auth/password.hasher';
import { AccessRevocations } from './modules/auth/access-revocation';
import { SessionRepository } from './modules/auth/session.repository';
import { SessionService } from './modules/auth/session.service';
import { createEventsContext, type EventLoaders, type EventService } from './modules/events';
import { EventRepository } from './modules/events/event.repository';
import { PlatformEvents } from './modules/events/platform-events';
import { InvitationRepository } from './modules/invitations/invitation.repository';
import { InvitationService } from './modules/invitations/invitation.service';
import { createMembershipLoaders, type MembershipLoaders } from './modules/memberships/membership.loaders';
import { MembershipRepository } from './modules/memberships/membership.repository';
import { MembershipService } from './modules/memberships/membership.service';
import { createOrganizationLoaders, type OrganizationLoaders } from './modules/organizations/organization.loaders';
import { OrganizationRepository } from './modules/organizations/organization.repository';
import { OrganizationService } from './modules/organizations/organization.service';
import { createUserLoaders, type UserLoaders } from './modules/users/user.loaders';
import { UserRepository } from './modules/users/user.repository';
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
  apiKeys: ApiKeyService;
  audit: AuditService;
  events: EventService;
}

/** Process-wide pieces the per-request context is built from. */
export interface CoreContextDeps {
  redis: Redis;
  config: Pick<CoreConfig, 'JWT_SECRET' | 'REDIS_PREFIX' | 'REFRESH_TOKEN_TTL_SECONDS' | 'INVITATION_TTL_SECONDS'>;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
}

export function createCoreContextFactory(deps: CoreContextDeps) {
  const revocations = new AccessRevocations(deps.redis, deps.config.REDIS_PREFIX);
  return (base: RequestContext): CoreContext => {
    const scope = new RequestScope(base.em, { orgId: base.identity.orgId, userId: base.identity.userId });
    const users = new UserRepository(base.em);
    const memberships = new MembershipRepository(base.em);
    const sessionRepository = new SessionRepository(base.em);
    const loaders = {
      users: createUserLoaders(users),
      organizations: createOrganizationLoaders(new OrganizationRepository(base.em)),
      memberships: createMembershipLoaders(memberships, scope),
      sessions: createSessionLoaders(sessionRepository),
    };
    const audit = new AuditService(new AuditRepository(base.em), base.requestId);
    const platformEvents = new PlatformEvents(new EventRepository(base.em));
    const organizations = new OrganizationService(new OrganizationRepository(base.em), memberships, audit, scope, platformEvents);
    const sessions = new SessionService({
      sessions: sessionRepository,
      memberships,
      users,
      loaders,
      audit,
      revocations,
      afterCommit: base.afterCommit,
      scope,
      jwtSecret: deps.config.JWT_SECRET,
      refreshTtlSeconds: deps.config.REFRESH_TOKEN_TTL_SECONDS,
    });
    const invitations = new InvitationService({
      invitations: new InvitationRepository(base.em),
      memberships,
      users: loaders.users,
      sessions,
      audit,
      platformEvents,
      access: revocations,
      scope,
      ttlSeconds: deps.config.INVITATION_TTL_SECONDS,
    });
    const events = createEventsContext(base.em, base.identity);
    return {
      ...base,
      loaders: { ...loaders, events: events.loaders },
      auth: new AuthService({
        users,
        memberships,
        organizations,
        invitations,
        sessions,
        audit,
        hasher: deps.hasher,
        throttle: deps.throttle,
        scope,
        platformEvents,
      }),
      sessions,
      organizations,
      memberships: new MembershipService(memberships, audit, revocations, base.afterCommit, loaders.memberships),
      invitations,
      apiKeys: new ApiKeyService(new ApiKeyRepository(base.em), audit),
      audit,
      events: events.service,
    };
  };
}
