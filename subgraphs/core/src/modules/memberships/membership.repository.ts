import type { EntityManager } from '@mikro-orm/postgresql';
import { firstRowsPerKey, isUuid, validUuids, type Role, type RowScope, type TimeIdPosition } from '@flowgraph/kernel';
import { MembershipEntity, type Membership } from './membership.entity';
import { membershipFromRow, type MembershipRow } from './membership.row';

/**
 * Membership queries. RLS shows the current organization's memberships and the caller's own;
 * the explicit filters below say the same thing, so a missing policy would not widen a list.
 * Lists return plain objects (`membershipFromRow`) in the request's transaction; role changes,
 * removals and the auth flows read entities (`findInOrg`, `findOne`, `findByUser`).
 */
export class MembershipRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly fromRow = (row: MembershipRow): Membership => membershipFromRow(row, this.em.getPlatform());

  /** Memberships of each user, restricted to `scope` (its organization, or its user's own). */
  async findVisibleByUsers(userIds: readonly string[], scope: RowScope): Promise<Membership[]> {
    const visible = [
      ...(scope.orgId ? [{ where: 'org_id = ?', value: scope.orgId }] : []),
      ...(scope.userId ? [{ where: 'user_id = ?', value: scope.userId }] : []),
    ];
    const valid = userIds.filter(isUuid);
    if (visible.length === 0 || valid.length === 0) return [];
    const rows = await this.em.execute<MembershipRow[]>(
      `select * from core.memberships where user_id in (?) and (${visible.map((v) => v.where).join(' or ')}) order by created_at, id`,
      [valid, ...visible.map((v) => v.value)],
    );
    return rows.map(this.fromRow);
  }

  /** The first `limit` members of each organization, oldest first, in one statement. */
  firstPageByOrgs(orgIds: readonly string[], limit: number): Promise<Membership[]> {
    return firstRowsPerKey(this.em, {
      map: this.fromRow,
      table: 'core.memberships',
      keyColumn: 'org_id',
      orderBy: 'created_at, id',
      keys: validUuids(orgIds),
      limit,
    });
  }

  /** A later page of one organization's members, after a `(createdAt, id)` position. */
  async pageByOrg(orgId: string, limit: number, { at, id }: TimeIdPosition): Promise<Membership[]> {
    const rows = await this.em.execute<MembershipRow[]>(
      `select * from core.memberships where org_id = ? and (created_at, id) > (?::timestamptz, ?::uuid)
       order by created_at, id limit ?`,
      [orgId, at.toISOString(), id, limit],
    );
    return rows.map(this.fromRow);
  }

  findInOrg(orgId: string, id: string): Promise<Membership | null> {
    return isUuid(id) ? this.em.findOne(MembershipEntity, { id, orgId }) : Promise.resolve(null);
  }

  findOne(orgId: string, userId: string): Promise<Membership | null> {
    return this.em.findOne(MembershipEntity, { orgId, userId });
  }

  /** Whether a member of the organization has this email (RLS shows only the organization's members). */
  async existsByEmail(orgId: string, email: string): Promise<boolean> {
    const rows = await this.em.execute<{ found: boolean }[]>(
      `select exists (select 1 from core.memberships m join core.users u on u.id = m.user_id
         where m.org_id = ? and lower(u.email) = lower(?)) as found`,
      [orgId, email],
    );
    return rows[0]?.found === true;
  }

  /** A user's memberships, oldest first (login picks the oldest by default). */
  findByUser(userId: string): Promise<Membership[]> {
    return this.em.find(MembershipEntity, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /**
   * Locks the organization's owner rows and counts them, so two concurrent demotions cannot
   * both pass the "not the last owner" check.
   */
  async lockOwnerCount(orgId: string): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(`select id from core.memberships where org_id = ? and role = 'owner' for update`, [
      orgId,
    ]);
    return rows.length;
  }

  create(input: { orgId: string; userId: string; role: Role }): Membership {
    return this.em.create(MembershipEntity, { id: crypto.randomUUID(), ...input, createdAt: new Date() });
  }

  remove(membership: Membership): void {
    this.em.remove(membership);
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
