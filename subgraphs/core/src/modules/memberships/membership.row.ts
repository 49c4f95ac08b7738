import type { Platform } from '@mikro-orm/core';
import type { Role } from '@flowgraph/kernel';
import type { Membership } from './membership.entity';

/** A `core.memberships` row as `em.execute` returns it: timestamps still Postgres text. */
export interface MembershipRow {
  id: string;
  org_id: string;
  user_id: string;
  role: Role;
  created_at: string;
}

/**
 * A membership as lists return it (`User.memberships`, `Organization.members`): a plain object of
 * the entity's shape, not a managed entity (docs/decisions/0026). Role changes and removals start
 * from `findInOrg`'s entity. Timestamps are parsed by the platform, as `em.map` parses them.
 */
export function membershipFromRow(row: MembershipRow, platform: Platform): Membership {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    role: row.role,
    createdAt: platform.parseDate(row.created_at),
  };
}
