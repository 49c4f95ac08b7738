import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One refresh token. Rotation replaces it by a new row of the same family (`replacedBy` marks
 * it used); the family is what a person sees as one logged-in device.
 */
export const SessionEntity = defineEntity({
  name: 'Session',
  tableName: 'core.sessions',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    orgId: p.uuid(),
    familyId: p.uuid(),
    refreshTokenHash: p.text().hidden(),
    userAgent: p.text().nullable(),
    ip: p.text().nullable(),
    createdAt: p.datetime(3),
    lastUsedAt: p.datetime(3),
    expiresAt: p.datetime(3),
    revokedAt: p.datetime(3).nullable(),
    replacedBy: p.uuid().nullable(),
  },
});

export type Session = InferEntity<typeof SessionEntity>;
