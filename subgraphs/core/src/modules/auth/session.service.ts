import { randomUUID } from 'node:crypto';
import { requireUser, signAccessToken, type Identity, type RequestContext, type Role } from '@flowgraph/kernel';
import { consentLabel } from '@flowgraph/contracts';
import type { RequestScope } from '../../scopes';
import { randomSecret, sha256 } from '../../secrets';
import type { AuditService } from '../audit/audit.service';
import type { MembershipRepository } from '../memberships/membership.repository';
import type { Organization } from '../organizations/organization.entity';
import type { PolicyAcceptanceRepository } from '../policy-consent/policy-acceptance.repository';
import type { OrganizationLoaders } from '../organizations/organization.loaders';
import type { UserProfile } from '../users/user.entity';
import type { UserLoaders } from '../users/user.loaders';
import type { UserRepository } from '../users/user.repository';
import { invalidRefreshToken, sessionNotFound, sessionRequired } from './auth.errors';
import type { SessionLoaders } from './auth.loaders';
import type { Session } from './session.entity';
import type { SessionRepository } from './session.repository';
import type { AccessRevocations } from './access-revocation';

export interface AuthResult {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserProfile;
  organization: Organization;
  role: Role;
}

export interface SessionServiceDeps {
  sessions: SessionRepository;
  memberships: MembershipRepository;
  users: UserRepository;
  /** What the user accepted last labels their access tokens (the gateway compares it with the versions in force). */
  acceptances: PolicyAcceptanceRepository;
  loaders: { users: UserLoaders; organizations: OrganizationLoaders; sessions: SessionLoaders };
  audit: AuditService;
  revocations: AccessRevocations;
  afterCommit: RequestContext['afterCommit'];
  scope: RequestScope;
  jwtSecret: string;
  refreshTtlSeconds: number;
}

/** Token issue, rotation with reuse detection, listing and revocation of a user's sessions. */
export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /**
   * Issues an access token (carrying the policy versions the user accepted last) and a new
   * refresh token, and records the organization as the user's last (where logIn lands). The request must already be scoped to the user and organization.
   * `family` continues an existing device's chain on rotation.
   */
  async issue(
    identity: Identity,
    grant: { userId: string; orgId: string; role: Role },
    family?: { id: string; createdAt: Date; sessionId?: string },
  ): Promise<AuthResult> {
    const refreshToken = randomSecret();
    const refreshTokenExpiresAt = new Date(Date.now() + this.deps.refreshTtlSeconds * 1000);
    const session = await this.deps.sessions.insert({
      id: family?.sessionId ?? randomUUID(),
      userId: grant.userId,
      orgId: grant.orgId,
      familyId: family?.id ?? randomUUID(),
      refreshTokenHash: sha256(refreshToken),
      userAgent: identity.userAgent ?? null,
      ip: identity.ip ?? null,
      createdAt: family?.createdAt ?? new Date(),
      expiresAt: refreshTokenExpiresAt,
    });
    await this.deps.users.recordLastOrganization(grant.userId, grant.orgId);
    const accepted = await this.deps.acceptances.latestForUser(grant.userId);
    const consent = accepted
      ? consentLabel({ privacyPolicy: accepted.privacyPolicyVersion, termsOfService: accepted.termsOfServiceVersion })
      : undefined;
    const access = await signAccessToken({ ...grant, sessionId: session.id, consent }, this.deps.jwtSecret);
    const [user, organization] = await Promise.all([
      this.deps.loaders.users.byId.load(grant.userId),
      this.deps.loaders.organizations.byId.load(grant.orgId),
    ]);
    if (!user || !organization) throw new Error('issued a session for an invisible user or organization');
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      user,
      organization,
      role: grant.role,
    };
  }

  /**
   * Rotation: the presented token is marked used and a new one of the same family issued.
   * A token presented a second time means it leaked (or was stolen and used first): the whole
   * family is revoked, its access tokens refused at the gateway, and the event audited. The
   * revocation is committed even though the call fails (AppErrors do not roll back).
   */
  async refresh(identity: Identity, refreshToken: string): Promise<AuthResult> {
    const row = await this.deps.sessions.findByRefreshHash(sha256(refreshToken));
    if (!row) throw invalidRefreshToken();
    await this.deps.scope.set({ userId: row.userId, orgId: row.orgId });
    if (row.replacedBy) return this.reuseDetected(identity, row);
    if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw invalidRefreshToken();
    // The role is read again: a changed role is in the new token, a removed member is logged out.
    const membership = await this.deps.memberships.findOne(row.orgId, row.userId);
    if (!membership) {
      await this.revokeFamily(row.userId, row.familyId);
      throw invalidRefreshToken();
    }
    const nextId = randomUUID();
    if (!(await this.deps.sessions.claim(row.id, nextId))) return this.reuseDetected(identity, row);
    const result = await this.issue(
      identity,
      { userId: row.userId, orgId: row.orgId, role: membership.role },
      { id: row.familyId, createdAt: row.createdAt, sessionId: nextId },
    );
    await this.deps.audit.record({
      orgId: row.orgId,
      actorId: row.userId,
      action: 'auth.refresh',
      targetType: 'session',
      targetId: nextId,
      ip: identity.ip,
      metadata: { familyId: row.familyId },
    });
    return result;
  }

  /** Continues the caller's device chain in another organization (switchOrganization). */
  async rotateInto(identity: Identity, orgId: string, role: Role): Promise<AuthResult> {
    const caller = requireUser(identity);
    const current = await this.callerSession(caller.userId, identity.sessionId);
    const live = current ? await this.deps.sessions.findLiveInFamily(caller.userId, current.familyId) : null;
    const nextId = randomUUID();
    if (!live || !(await this.deps.sessions.claim(live.id, nextId))) throw invalidRefreshToken();
    await this.deps.scope.set({ userId: caller.userId, orgId });
    return this.issue(
      identity,
      { userId: caller.userId, orgId, role },
      { id: live.familyId, createdAt: live.createdAt, sessionId: nextId },
    );
  }

  async logOut(identity: Identity): Promise<boolean> {
    const caller = requireUser(identity);
    const session = await this.callerSession(caller.userId, identity.sessionId);
    if (!session) return false;
    await this.revokeFamily(caller.userId, session.familyId);
    await this.deps.audit.record({
      orgId: identity.orgId,
      actorId: caller.userId,
      action: 'auth.logout',
      targetType: 'session',
      targetId: session.id,
      ip: identity.ip,
      metadata: { familyId: session.familyId },
    });
    return true;
  }

  /** Revokes one of the caller's own devices (the whole family behind the listed session). */
  async revoke(identity: Identity, sessionId: string): Promise<Session> {
    const caller = requireUser(identity);
    if (!identity.sessionId) throw sessionRequired();
    const session = await this.deps.sessions.findOwn(caller.userId, sessionId);
    if (!session) throw sessionNotFound();
    await this.revokeFamily(caller.userId, session.familyId);
    await this.deps.audit.record({
      orgId: identity.orgId,
      actorId: caller.userId,
      action: 'auth.session_revoked',
      targetType: 'session',
      targetId: session.id,
      ip: identity.ip,
      metadata: { familyId: session.familyId },
    });
    return session;
  }

  list(identity: Identity): Promise<Session[]> {
    const caller = requireUser(identity);
    if (!identity.sessionId) throw sessionRequired();
    return this.deps.sessions.findLiveByUser(caller.userId);
  }

  /** Current when it belongs to the same device chain as the calling access token's session. */
  async isCurrent(identity: Identity, session: Session): Promise<boolean> {
    const own = identity.sessionId ? await this.deps.loaders.sessions.byId.load(identity.sessionId) : null;
    return own?.familyId === session.familyId;
  }

  private async callerSession(userId: string, sessionId: string | undefined): Promise<Session | null> {
    if (!sessionId) throw sessionRequired();
    return this.deps.sessions.findOwn(userId, sessionId);
  }

  /** Revoked at the gateway at once; its open subscriptions are closed once this commits. */
  private async revokeFamily(userId: string, familyId: string): Promise<void> {
    await this.deps.revocations.revokeSessions(await this.deps.sessions.revokeFamily(familyId));
    this.deps.afterCommit(() => this.deps.revocations.announce({ userId }));
  }

  private async reuseDetected(identity: Identity, row: { id: string; userId: string; orgId: string; familyId: string }): Promise<never> {
    await this.revokeFamily(row.userId, row.familyId);
    await this.deps.audit.record({
      orgId: row.orgId,
      actorId: row.userId,
      action: 'auth.refresh_reuse_detected',
      targetType: 'session',
      targetId: row.id,
      ip: identity.ip,
      metadata: { familyId: row.familyId },
    });
    throw invalidRefreshToken();
  }
}
