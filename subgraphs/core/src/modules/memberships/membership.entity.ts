import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Role } from '@flowgraph/kernel';

/** A user's role in an organization; one per (organization, user). */
export const MembershipEntity = defineEntity({
  name: 'Membership',
  tableName: 'core.memberships',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    userId: p.uuid(),
    role: p.string().$type<Role>(),
    createdAt: p.datetime(3),
  },
});

export type Membership = InferEntity<typeof MembershipEntity>;
