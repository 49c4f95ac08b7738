import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { conflict, requireUser, type FieldError, type Identity } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import type { AuditService } from '../audit/audit.service';
import type { PlatformEvents } from '../events/platform-events';
import type { InvitationByToken } from '../invitations/invitation.repository';
import type { InvitationService } from '../invitations/invitation.service';
import type { Membership } from '../memberships/membership.entity';
import type { MembershipRepository } from '../memberships/membership.repository';
import type { OrganizationService } from '../organizations/organization.service';
import type { PolicyConsentService } from '../policy-consent/policy-consent.service';
import type { PolicyVersionsInput } from '../policy-consent/policy-consent.errors';
import { isEmailAddress } from '../users/email';
import type { UserRepository } from '../users/user.repository';
import { invalidCredentials, invalidSignUp, noOrganization, sessionRequired } from './auth.errors';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password.hasher';
import type { AuthResult, SessionService } from './session.service';

export const MIN_PASSWORD = 8;
/** argon2 hashes any length; the cap keeps a huge password from being a cheap DoS. */
export const MAX_PASSWORD = 256;

export interface AuthServiceDeps {
  users: UserRepository;
  memberships: MembershipRepository;
  organizations: OrganizationService;
  invitations: InvitationService;
  sessions: SessionService;
  policyConsent: PolicyConsentService;
  audit: AuditService;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  scope: RequestScope;
  platformEvents: PlatformEvents;
}

/** Sign-up, login and organization switching; tokens come from the SessionService. */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  /** A new account owning a new organization or, with an invitation's token, joining that organization. */
  async signUp(identity: Identity, input: SignUpInput): Promise<AuthResult> {
    const email = input.email.trim();
    const name = input.name.trim();
    const details: FieldError[] = [];
    if (!isEmailAddress(email)) details.push({ field: 'email', message: 'Must be an email address' });
    if (input.password.length < MIN_PASSWORD || input.password.length > MAX_PASSWORD) {
      details.push({ field: 'password', message: `Must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters` });
    }
    if (name.length === 0 || name.length > 100) details.push({ field: 'name', message: 'Must be 1 to 100 characters' });
    if (!input.invitationToken && input.organizationName == null)
      details.push({ field: 'organizationName', message: 'Required without an invitation' });
    // Without acceptedPolicies (clients that predate it) the account is made all the same and its
    // tokens answer CONSENT_REQUIRED until acceptPolicies, like anyone's after a new version.
    if (input.acceptedPolicies) details.push(...this.deps.policyConsent.signUpProblems(input.acceptedPolicies));
    if (details.length > 0) throw invalidSignUp(details);
    const invitation = input.invitationToken ? await this.deps.invitations.pending(input.invitationToken, email) : null;
    if (await this.deps.users.idByEmail(email)) throw emailTaken();

    const userId = randomUUID();
    if (invitation) {
      await this.deps.scope.set({ userId, orgId: invitation.orgId });
      await this.deps.invitations.claim(invitation, userId);
    } else {
      await this.deps.scope.set({ userId });
    }
    this.deps.users.create({ id: userId, email, name, passwordHash: await this.deps.hasher.hash(input.password) });
    try {
      await this.deps.users.flush();
    } catch (error) {
      // Two sign-ups with one email at the same instant: the unique index decides.
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
    if (invitation) return this.joinByInvitation(identity, invitation, userId, input.acceptedPolicies);
    const organization = await this.deps.organizations.createOwned(userId, input.organizationName ?? '', identity.ip);
    if (input.acceptedPolicies) await this.deps.policyConsent.record(identity, userId, organization.id, input.acceptedPolicies);
    await this.deps.audit.record({
      orgId: organization.id,
      actorId: userId,
      action: 'auth.signup',
      targetType: 'user',
      targetId: userId,
      ip: identity.ip,
      metadata: {},
    });
    await this.deps.platformEvents.userSignedUp(organization.id, userId);
    return this.deps.sessions.issue(identity, { userId, orgId: organization.id, role: 'owner' });
  }

  /** The new account's first and only organization is the invitation's (already claimed, in its scope). */
  private async joinByInvitation(
    identity: Identity,
    invitation: InvitationByToken,
    userId: string,
    acceptedPolicies: PolicyVersionsInput | null | undefined,
  ): Promise<AuthResult> {
    await this.deps.audit.record({
      orgId: invitation.orgId,
      actorId: userId,
      action: 'auth.signup',
      targetType: 'user',
      targetId: userId,
      ip: identity.ip,
      metadata: { invitationId: invitation.id },
    });
    await this.deps.platformEvents.userSignedUp(invitation.orgId, userId);
    await this.deps.invitations.join(invitation, userId, identity.ip);
    if (acceptedPolicies) await this.deps.policyConsent.record(identity, userId, invitation.orgId, acceptedPolicies);
    return this.deps.sessions.issue(identity, { userId, orgId: invitation.orgId, role: invitation.role });
  }

  async logIn(identity: Identity, input: { email: string; password: string; organizationId?: string | null }): Promise<AuthResult> {
    const email = input.email.trim();
    await this.deps.throttle.attempt(email, identity.ip);
    const credentials = await this.deps.users.credentialsByEmail(email);
    const valid = credentials
      ? await this.deps.hasher.verify(credentials.passwordHash, input.password)
      : await this.deps.hasher.verifyNothing(input.password);
    if (!credentials || !valid) {
      await this.recordFailedLogin(identity, email, credentials?.id ?? null);
      throw invalidCredentials();
    }
    await this.deps.throttle.succeeded(email, identity.ip);
    const userId = credentials.id;
    // The user's own memberships are visible through the user_id policy before an org is chosen.
    await this.deps.scope.set({ userId });
    const memberships = await this.deps.memberships.findByUser(userId);
    const membership = input.organizationId
      ? memberships.find((m) => m.orgId === input.organizationId)
      : await this.lastUsed(userId, memberships);
    if (!membership) throw noOrganization();
    await this.deps.scope.set({ userId, orgId: membership.orgId });
    const result = await this.deps.sessions.issue(identity, { userId, orgId: membership.orgId, role: membership.role });
    await this.deps.audit.record({
      orgId: membership.orgId,
      actorId: userId,
      action: 'auth.login',
      targetType: 'user',
      targetId: userId,
      ip: identity.ip,
      metadata: { userAgent: identity.userAgent ?? null },
    });
    return result;
  }

  /** The membership of the organization the user acted in last, if they still belong to it; else the oldest. */
  private async lastUsed(userId: string, memberships: Membership[]): Promise<Membership | undefined> {
    const last = await this.deps.users.lastOrganizationId(userId);
    return memberships.find((m) => m.orgId === last) ?? memberships[0];
  }

  /**
   * A known account's failed login is written to each of its organizations' logs, where their
   * admins read it; an unknown email's (or an account in no organization) to no organization's.
   */
  private async recordFailedLogin(identity: Identity, email: string, userId: string | null): Promise<void> {
    const entry = { actorId: userId, action: 'auth.login_failed', ip: identity.ip, metadata: { email } };
    if (!userId) return this.deps.audit.record({ ...entry, orgId: null });
    await this.deps.scope.set({ userId });
    const memberships = await this.deps.memberships.findByUser(userId);
    if (memberships.length === 0) return this.deps.audit.record({ ...entry, orgId: null });
    for (const membership of memberships) {
      await this.deps.scope.set({ userId, orgId: membership.orgId });
      await this.deps.audit.record({ ...entry, orgId: membership.orgId, targetType: 'user', targetId: userId });
    }
  }

  async switchOrganization(identity: Identity, organizationId: string): Promise<AuthResult> {
    const caller = requireUser(identity);
    if (!identity.sessionId) throw sessionRequired();
    const membership = (await this.deps.memberships.findByUser(caller.userId)).find((m) => m.orgId === organizationId);
    if (!membership) throw noOrganization();
    const result = await this.deps.sessions.rotateInto(identity, membership.orgId, membership.role);
    await this.deps.audit.record({
      orgId: membership.orgId,
      actorId: caller.userId,
      action: 'auth.organization_switched',
      targetType: 'organization',
      targetId: membership.orgId,
      ip: identity.ip,
      metadata: { from: identity.orgId ?? null },
    });
    return result;
  }
}

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  organizationName?: string | null;
  invitationToken?: string | null;
  /** The policy versions the person accepted on the sign-up form; must be the ones in force. */
  acceptedPolicies?: PolicyVersionsInput | null;
}

const emailTaken = () => conflict('An account with this email already exists');
