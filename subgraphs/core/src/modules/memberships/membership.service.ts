import {
  paginate,
  requireRole,
  timeIdPosition,
  type Connection,
  type Identity,
  type MemberIdentity,
  type PageArgs,
  type RequestContext,
  type Role,
} from '@flowgraph/kernel';
import { scopes } from '../../scopes';
import type { AuditService } from '../audit/audit.service';
import type { AccessRevocations } from '../auth/access-revocation';
import { notCurrentOrganization } from '../organizations/organization.errors';
import type { Membership } from './membership.entity';
import { lastOwner, membershipNotFound, ownerOnly } from './membership.errors';
import type { MembershipLoaders } from './membership.loaders';
import type { MembershipRepository } from './membership.repository';

/**
 * Membership rules: admins manage members; only owners touch the owner role; one owner always
 * remains. Members join by invitation (the invitations module). A role change or removal reaches
 * the member's existing access tokens and open subscriptions at once (`AccessRevocations`), not at
 * their next refresh.
 */
export class MembershipService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditService,
    private readonly access: AccessRevocations,
    private readonly afterCommit: RequestContext['afterCommit'],
    private readonly loaders: MembershipLoaders,
  ) {}

  /** Members are listed for the organization the caller acts in only, oldest first. */
  list(identity: Identity, orgId: string, args: PageArgs): Promise<Connection<Membership>> {
    const caller = requireRole(identity, 'viewer', scopes.organizationRead);
    if (orgId !== caller.orgId) throw notCurrentOrganization();
    return paginate(args, {
      order: 'members:CREATED_AT:ASC',
      keyOf: (m) => [m.createdAt.toISOString(), m.id],
      position: timeIdPosition,
      firstRows: (count) => this.loaders.firstPageByOrg(count).load(orgId),
      rowsAfter: (count, position) => this.memberships.pageByOrg(orgId, count, position),
    });
  }

  async changeRole(identity: Identity, membershipId: string, role: Role): Promise<Membership> {
    const caller = requireRole(identity, 'admin', scopes.membersWrite);
    const membership = await this.find(caller, membershipId);
    const from = membership.role;
    if (from === role) return membership;
    if ((from === 'owner' || role === 'owner') && caller.role !== 'owner') throw ownerOnly();
    if (from === 'owner') await this.keepAnOwner(caller.orgId);
    membership.role = role;
    await this.memberships.flush();
    await this.changedAccess(membership, role);
    await this.record(caller, 'member.role_changed', membership, { userId: membership.userId, from, to: role });
    return membership;
  }

  async remove(identity: Identity, membershipId: string): Promise<string> {
    const caller = requireRole(identity, 'admin', scopes.membersWrite);
    const membership = await this.find(caller, membershipId);
    if (membership.role === 'owner') {
      if (caller.role !== 'owner') throw ownerOnly();
      await this.keepAnOwner(caller.orgId);
    }
    this.memberships.remove(membership);
    await this.memberships.flush();
    await this.changedAccess(membership, null);
    await this.record(caller, 'member.removed', membership, { userId: membership.userId, role: membership.role });
    return membershipId;
  }

  /** Memberships of the caller's organization only (RLS would also show the caller's own elsewhere). */
  private async find(caller: MemberIdentity, membershipId: string): Promise<Membership> {
    const membership = await this.memberships.findInOrg(caller.orgId, membershipId);
    if (!membership) throw membershipNotFound();
    return membership;
  }

  /** After the row changed (so a concurrent refresh that read the old role is refused too). */
  private async changedAccess(membership: Membership, role: Role | null): Promise<void> {
    await this.access.grantRole(membership.orgId, membership.userId, role);
    this.afterCommit(() => this.access.announce({ userId: membership.userId, orgId: membership.orgId }));
  }

  private async keepAnOwner(orgId: string): Promise<void> {
    if ((await this.memberships.lockOwnerCount(orgId)) <= 1) throw lastOwner();
  }

  private record(caller: MemberIdentity, action: string, membership: Membership, metadata: Record<string, unknown>) {
    return this.audit.record({
      orgId: caller.orgId,
      actorId: caller.userId,
      action,
      targetType: 'membership',
      targetId: membership.id,
      ip: caller.ip,
      metadata,
    });
  }
}
