import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Role } from '@flowgraph/kernel';

/** An invitation to join an organization; only the sha256 of its token is stored. */
export const InvitationEntity = defineEntity({
  name: 'Invitation',
  tableName: 'core.invitations',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    email: p.text(),
    role: p.string().$type<Role>(),
    tokenHash: p.text().hidden(),
    invitedBy: p.uuid(),
    createdAt: p.datetime(3),
    expiresAt: p.datetime(3),
    acceptedAt: p.datetime(3).nullable(),
    acceptedBy: p.uuid().nullable(),
    revokedAt: p.datetime(3).nullable(),
  },
});

export type Invitation = InferEntity<typeof InvitationEntity>;
