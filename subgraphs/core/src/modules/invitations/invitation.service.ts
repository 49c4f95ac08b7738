import {
  paginate,
  requireRole,
  requireUser,
  timeIdPosition,
  type Connection,
  type Identity,
  type MemberIdentity,
  type PageArgs,
  type Role,
} from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import { scopes } from '../../scopes';
import { randomSecret, sha256 } from '../../secrets';
import type { AccessRevocations } from '../auth/access-revocation';
import type { AuditService } from '../audit/audit.service';
import { sessionRequired } from '../auth/auth.errors';
import type { AuthResult, SessionService } from '../auth/session.service';
import type { PlatformEvents } from '../events/platform-events';
import type { Membership } from '../memberships/membership.entity';
import { alreadyMember, ownerOnly } from '../memberships/membership.errors';
import type { MembershipRepository } from '../memberships/membership.repository';
import { isEmailAddress } from '../users/email';
import type { UserLoaders } from '../users/user.loaders';
import type { Invitation } from './invitation.entity';
import { invalidInvitation, invalidInvitationInput, invitationNotFound } from './invitation.errors';
import type { InvitationByToken, InvitationRepository } from './invitation.repository';

export interface InvitationServiceDeps {
  invitations: InvitationRepository;
  memberships: MembershipRepository;
  users: UserLoaders;
  sessions: SessionService;
  audit: AuditService;
  platformEvents: PlatformEvents;
  /** Where the gateway reads the member's current role: a member removed and invited back must not stay refused. */
  access: AccessRevocations;
  scope: RequestScope;
  ttlSeconds: number;
}

/**
 * Members join by invitation. An admin invites an email address; the single-use token goes back
 * to the admin only (organization events are readable by every member, and nothing proves who
 * owns an address that has no account yet). Only an account with the invited address can use the
 * token: a logged-in one (accept) or a new one (signUp). Whether the address has an account is
 * never part of an answer.
 */
export class InvitationService {
  constructor(private readonly deps: InvitationServiceDeps) {}

  async invite(identity: Identity, input: { email: string; role: Role }): Promise<{ invitation: Invitation; token: string }> {
    const caller = requireRole(identity, 'admin', scopes.membersWrite);
    if (input.role === 'owner' && caller.role !== 'owner') throw ownerOnly();
    const email = input.email.trim();
    if (!isEmailAddress(email)) throw invalidInvitationInput([{ field: 'email', message: 'Must be an email address' }]);
    // Only the organization's own members are looked at, whom its admins can list anyway.
    if (await this.deps.memberships.existsByEmail(caller.orgId, email)) throw alreadyMember();
    const replaced = await this.deps.invitations.revokePending(caller.orgId, email);
    const token = randomSecret();
    const invitation = this.deps.invitations.create({
      orgId: caller.orgId,
      email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: caller.userId,
      expiresAt: new Date(Date.now() + this.deps.ttlSeconds * 1000),
    });
    await this.deps.invitations.flush();
    await this.record(caller, 'invitation.created', invitation, { email, role: input.role, replaced });
    await this.deps.platformEvents.invitationCreated(caller.orgId, caller.userId, {
      invitationId: invitation.id,
      email,
      role: input.role,
      expiresAt: invitation.expiresAt.toISOString(),
    });
    return { invitation, token };
  }

  list(identity: Identity, args: PageArgs): Promise<Connection<Invitation>> {
    const caller = requireRole(identity, 'admin', scopes.membersWrite);
    return paginate(args, {
      order: 'invitations:CREATED_AT:DESC',
      keyOf: (i) => [i.createdAt.toISOString(), i.id],
      position: timeIdPosition,
      firstRows: (count) => this.deps.invitations.pagePending(caller.orgId, count),
      rowsAfter: (count, position) => this.deps.invitations.pagePending(caller.orgId, count, position),
    });
  }

  async revoke(identity: Identity, id: string): Promise<Invitation> {
    const caller = requireRole(identity, 'admin', scopes.membersWrite);
    const invitation = await this.deps.invitations.findInOrg(caller.orgId, id);
    if (!invitation) throw invitationNotFound();
    if (invitation.role === 'owner' && caller.role !== 'owner') throw ownerOnly();
    if (invitation.revokedAt || invitation.acceptedAt) return invitation;
    invitation.revokedAt = new Date();
    await this.deps.invitations.flush();
    await this.record(caller, 'invitation.revoked', invitation, { email: invitation.email, role: invitation.role });
    return invitation;
  }

  /** acceptInvitation: a person on a logged-in session whose account has the invited email. */
  async accept(identity: Identity, token: string): Promise<AuthResult> {
    const caller = requireUser(identity);
    if (!identity.sessionId) throw sessionRequired();
    const user = await this.deps.users.byId.load(caller.userId);
    const invitation = await this.pending(token, user?.email ?? '');
    await this.deps.scope.set({ userId: caller.userId, orgId: invitation.orgId });
    if (await this.deps.memberships.findOne(invitation.orgId, caller.userId)) throw alreadyMember();
    await this.claim(invitation, caller.userId);
    await this.join(invitation, caller.userId, identity.ip);
    return this.deps.sessions.rotateInto(identity, invitation.orgId, invitation.role);
  }

  /** The pending invitation behind a token, if it was sent to `email`; one error for every other case. */
  async pending(token: string, email: string): Promise<InvitationByToken> {
    const invitation = await this.deps.invitations.findByTokenHash(sha256(token));
    const usable = invitation && !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt.getTime() > Date.now();
    if (!usable || invitation.email.toLowerCase() !== email.trim().toLowerCase()) throw invalidInvitation();
    return invitation;
  }

  /**
   * Uses the token up, before anything else is written (a failed claim must leave nothing behind,
   * and errors do not roll back). The request must be scoped to the invitation's organization.
   */
  async claim(invitation: InvitationByToken, userId: string): Promise<void> {
    if (!(await this.deps.invitations.claim(invitation.id, userId))) throw invalidInvitation();
  }

  /** Makes the (existing) user a member with the invited role, after claim. */
  async join(invitation: InvitationByToken, userId: string, ip?: string): Promise<Membership> {
    const membership = this.deps.memberships.create({ orgId: invitation.orgId, userId, role: invitation.role });
    await this.deps.memberships.flush();
    await this.deps.access.grantRole(invitation.orgId, userId, invitation.role);
    await this.deps.audit.record({
      orgId: invitation.orgId,
      actorId: userId,
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: invitation.id,
      ip,
      metadata: { email: invitation.email, role: invitation.role, membershipId: membership.id },
    });
    await this.deps.platformEvents.memberJoined(invitation.orgId, userId, invitation.role);
    return membership;
  }

  private record(caller: MemberIdentity, action: string, invitation: Invitation, metadata: Record<string, unknown>) {
    return this.deps.audit.record({
      orgId: caller.orgId,
      actorId: caller.userId,
      action,
      targetType: 'invitation',
      targetId: invitation.id,
      ip: caller.ip,
      metadata,
    });
  }
}
