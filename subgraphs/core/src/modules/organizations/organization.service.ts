import { randomUUID } from 'node:crypto';
import { notFound, requireRole, requireUser, type Identity } from '@flowgraph/kernel';
import type { RequestScope } from '../../scopes';
import { scopes } from '../../scopes';
import type { AuditService } from '../audit/audit.service';
import { sessionRequired } from '../auth/auth.errors';
import type { PlatformEvents } from '../events/platform-events';
import type { MembershipLoaders } from '../memberships/membership.loaders';
import type { MembershipRepository } from '../memberships/membership.repository';
import type { Organization } from './organization.entity';
import type { OrganizationLoaders } from './organization.loaders';
import {
  MAX_ORGANIZATION_NAME,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  invalidOrganizationName,
  invalidRetention,
} from './organization.errors';
import type { OrganizationRepository } from './organization.repository';

export function checkOrganizationName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ORGANIZATION_NAME) throw invalidOrganizationName();
  return trimmed;
}

export class OrganizationService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditService,
    private readonly scope: RequestScope,
    private readonly platformEvents: PlatformEvents,
    private readonly loaders: { organizations: OrganizationLoaders; memberships: MembershipLoaders },
  ) {}

  /** The current organization or another the caller belongs to (null otherwise); checked here and by RLS. */
  async get(identity: Identity, id: string): Promise<Organization | null> {
    const caller = requireRole(identity, 'viewer', scopes.organizationRead);
    const own = await this.loaders.memberships.byUser.load(caller.userId);
    if (id !== caller.orgId && !own.some((m) => m.orgId === id)) return null;
    return this.loaders.organizations.byId.load(id);
  }

  /**
   * Creates an organization owned by `userId`. The rows are written under the new
   * organization's RLS scope, which stays set (signUp goes on acting in it).
   */
  async createOwned(userId: string, name: string, ip?: string): Promise<Organization> {
    const orgId = randomUUID();
    await this.scope.set({ orgId, userId });
    const organization = this.organizations.create({ id: orgId, name: checkOrganizationName(name) });
    // Entities carry ids, not relations, so MikroORM cannot order the inserts: flush in FK order.
    await this.organizations.flush();
    const membership = this.memberships.create({ orgId, userId, role: 'owner' });
    await this.organizations.flush();
    await this.audit.record({
      orgId,
      actorId: userId,
      action: 'organization.created',
      targetType: 'organization',
      targetId: orgId,
      ip,
      metadata: { ownerMembershipId: membership.id },
    });
    return organization;
  }

  /**
   * createOrganization: the caller keeps acting in their current organization afterwards. A person's
   * act: an API key (whatever its scopes) cannot make organizations owned by its creator.
   */
  async create(identity: Identity, input: { name: string }): Promise<Organization> {
    const caller = requireUser(identity);
    if (!identity.sessionId) throw sessionRequired();
    const previous = this.scope.current;
    const organization = await this.createOwned(caller.userId, input.name, identity.ip);
    // Still in the new organization's scope, where the event belongs.
    await this.platformEvents.memberJoined(organization.id, caller.userId, 'owner');
    await this.scope.set(previous);
    return organization;
  }

  async update(identity: Identity, input: { name?: string | null; eventRetentionDays?: number | null }): Promise<Organization> {
    const caller = requireRole(identity, 'admin', scopes.organizationWrite);
    const organization = await this.organizations.findById(caller.orgId);
    if (!organization) throw notFound('Organization');
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== null) {
      organization.name = checkOrganizationName(input.name);
      changes.name = organization.name;
    }
    if (input.eventRetentionDays !== undefined && input.eventRetentionDays !== null) {
      const days = input.eventRetentionDays;
      if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) throw invalidRetention();
      organization.eventRetentionDays = days;
      changes.eventRetentionDays = days;
    }
    await this.organizations.flush();
    await this.audit.record({
      orgId: caller.orgId,
      actorId: caller.userId,
      action: 'organization.updated',
      targetType: 'organization',
      targetId: caller.orgId,
      ip: identity.ip,
      metadata: changes,
    });
    return organization;
  }
}
