import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One append-only audit record; `orgId` is null for failed logins (no organization yet). */
export const AuditEntryEntity = defineEntity({
  name: 'AuditEntry',
  tableName: 'core.audit_log',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid().nullable(),
    actorId: p.uuid().nullable(),
    action: p.text(),
    targetType: p.text().nullable(),
    targetId: p.text().nullable(),
    requestId: p.text().nullable(),
    ip: p.text().nullable(),
    metadata: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(3),
  },
});

export type AuditEntry = InferEntity<typeof AuditEntryEntity>;
