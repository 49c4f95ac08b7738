import type { RequestContext } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import type { AuditService } from '../audit/audit.service';
import type { MembershipRepository } from '../memberships/membership.repository';
import type { OrganizationLoaders } from '../organizations/organization.loaders';
import type { PolicyAcceptanceRepository } from '../policy-consent/policy-acceptance.repository';
import type { UserLoaders } from '../users/user.loaders';
import type { UserRepository } from '../users/user.repository';
import type { AccessRevocations } from './access-revocation';
import { createSessionLoaders, type SessionLoaders } from './auth.loaders';
import { AuthService, type AuthServiceDeps } from './auth.service';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password.hasher';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

/** Process-wide pieces the auth module needs per request. */
export interface AuthModuleDeps {
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  revocations: AccessRevocations;
  jwtSecret: string;
  /** REFRESH_TOKEN_TTL_SECONDS. */
  refreshTtlSeconds: number;
}

/**
 * The sessions half of the auth module's share. A function of its own because invitations need
 * the session service and the auth service needs invitations: sessions, then invitations, then auth.
 */
export function createSessionsContext(
  base: Pick<RequestContext, 'em' | 'afterCommit'>,
  deps: AuthModuleDeps,
  shares: {
    scope: RequestScope;
    users: { repository: UserRepository; loaders: UserLoaders };
    memberships: MembershipRepository;
    organizations: OrganizationLoaders;
    audit: AuditService;
    acceptances: PolicyAcceptanceRepository;
  },
): { loaders: SessionLoaders; service: SessionService } {
  const repository = new SessionRepository(base.em);
  const loaders = createSessionLoaders(repository);
  return {
    loaders,
    service: new SessionService({
      sessions: repository,
      memberships: shares.memberships,
      users: shares.users.repository,
      acceptances: shares.acceptances,
      loaders: { users: shares.users.loaders, organizations: shares.organizations, sessions: loaders },
      audit: shares.audit,
      revocations: deps.revocations,
      afterCommit: base.afterCommit,
      scope: shares.scope,
      jwtSecret: deps.jwtSecret,
      refreshTtlSeconds: deps.refreshTtlSeconds,
    }),
  };
}

/** The auth module's share of a request context: sign-up, login and organization switching. */
export function createAuthContext(deps: AuthModuleDeps, shares: Omit<AuthServiceDeps, 'hasher' | 'throttle'>): { service: AuthService } {
  return { service: new AuthService({ hasher: deps.hasher, throttle: deps.throttle, ...shares }) };
}
