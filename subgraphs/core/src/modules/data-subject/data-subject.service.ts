import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, requireUser, type Identity, type Redis } from '@flowgraph/kernel';
import type { AuditService } from '../audit/audit.service';
import { sessionRequired } from '../auth/auth.errors';
import { confirmationMismatch, soleOwnerOf } from './data-subject.errors';
import { endAccess } from './end-access';
import type { DataSubjectKind, DataSubjectRepository, DataSubjectRequest, ErasurePlan } from './data-subject.repository';

const LATEST = 10;

export interface DataSubjectServiceDeps {
  em: EntityManager;
  repository: DataSubjectRepository;
  audit: AuditService;
  redis: Redis;
  redisPrefix: string;
  /** Queues a request's job once the request's transaction has committed (a starting worker queues unfinished ones again). */
  enqueue: (requestId: string) => void;
}

interface MembershipSummary {
  orgId: string;
  name: string;
  role: string;
  members: number;
  owners: number;
}

/**
 * Data-subject requests: the caller asks, a job does the work (data-subject.job.ts). Erasures end
 * the caller's (or the organization's) sessions and API keys here, in the request, so access
 * ends at once whatever the queue's state.
 */
export class DataSubjectService {
  constructor(private readonly deps: DataSubjectServiceDeps) {}

  latest(identity: Identity): Promise<DataSubjectRequest[]> {
    return this.deps.repository.latest(requireUser(identity).userId, LATEST);
  }

  async requestExport(identity: Identity): Promise<DataSubjectRequest> {
    const caller = requireUser(identity);
    const open = await this.deps.repository.open(caller.userId, 'export');
    if (open) return open;
    const email = await this.emailOf(caller.userId);
    const organizations = await this.memberships(caller.userId);
    return this.start(identity, 'export', {
      userId: caller.userId,
      email,
      plan: { sharedOrganizations: organizations.map((m) => m.orgId) },
    });
  }

  async deleteAccount(identity: Identity, confirmEmail: string): Promise<DataSubjectRequest> {
    const caller = requireUser(identity);
    if (!identity.sessionId) throw sessionRequired();
    const email = await this.emailOf(caller.userId);
    if (confirmEmail.trim().toLowerCase() !== email.toLowerCase()) throw confirmationMismatch('confirmEmail', "the account's email");
    const open = await this.deps.repository.open(caller.userId, 'erasure');
    if (open) return open;
    const organizations = await this.memberships(caller.userId);
    const blocking = organizations.filter((m) => m.role === 'owner' && m.owners === 1 && m.members > 1);
    if (blocking.length > 0) throw soleOwnerOf(blocking.map((m) => m.name));
    const plan: ErasurePlan = {
      soleOrganizations: organizations.filter((m) => m.members === 1).map((m) => m.orgId),
      sharedOrganizations: organizations.filter((m) => m.members > 1).map((m) => m.orgId),
    };
    const request = await this.start(identity, 'erasure', { userId: caller.userId, email, plan });
    await this.endAccess({ user: caller.userId });
    return request;
  }

  async deleteOrganization(identity: Identity, confirmName: string): Promise<DataSubjectRequest> {
    const caller = requireRole(identity, 'owner');
    if (!identity.sessionId) throw sessionRequired();
    const [organization] = await this.deps.em.execute<{ name: string }[]>(`select name from core.organizations where id = ?`, [
      caller.orgId,
    ]);
    if (!organization || confirmName.trim() !== organization.name) throw confirmationMismatch('confirmName', "the organization's name");
    const open = await this.deps.repository.open(caller.userId, 'organization_erasure', caller.orgId);
    if (open) return open;
    const email = await this.emailOf(caller.userId);
    const request = await this.start(identity, 'organization_erasure', { userId: caller.userId, email, orgId: caller.orgId });
    await this.endAccess({ org: caller.orgId });
    return request;
  }

  private async start(
    identity: Identity,
    kind: DataSubjectKind,
    values: { userId: string; email: string; orgId?: string; plan?: ErasurePlan },
  ): Promise<DataSubjectRequest> {
    const request = await this.deps.repository.insert({ kind, ...values, orgId: values.orgId ?? identity.orgId });
    await this.deps.audit.record({
      orgId: identity.orgId,
      actorId: values.userId,
      action: `data_subject.${kind}_requested`,
      targetType: 'DataSubjectRequest',
      targetId: request.id,
      ip: identity.ip,
    });
    this.deps.enqueue(request.id);
    return request;
  }

  private async emailOf(userId: string): Promise<string> {
    const [user] = await this.deps.em.execute<{ email: string }[]>(`select email from core.users where id = ?`, [userId]);
    if (!user) throw new Error('caller has no user row');
    return user.email;
  }

  private memberships(userId: string): Promise<MembershipSummary[]> {
    return this.deps.em.execute<MembershipSummary[]>(
      `select org_id as "orgId", name, role, members, owners from core.membership_summary(?) order by name`,
      [userId],
    );
  }

  private endAccess(subject: { user?: string; org?: string }): Promise<void> {
    return endAccess(this.deps.em, { client: this.deps.redis, prefix: this.deps.redisPrefix }, subject);
  }
}
