import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Role } from '@flowgraph/kernel';

/** An organization's API key; only the sha256 of its secret is stored. */
export const ApiKeyEntity = defineEntity({
  name: 'ApiKey',
  tableName: 'core.api_keys',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    createdBy: p.uuid(),
    name: p.text(),
    prefix: p.text(),
    secretHash: p.text().hidden(),
    scopes: p.array(),
    role: p.string().$type<Role>(),
    /** The client application whose trusted documents alone this key may run (null: not bound). */
    clientName: p.text().nullable(),
    createdAt: p.datetime(3),
    expiresAt: p.datetime(3).nullable(),
    lastUsedAt: p.datetime(3).nullable(),
    revokedAt: p.datetime(3).nullable(),
  },
});

export type ApiKey = InferEntity<typeof ApiKeyEntity>;
