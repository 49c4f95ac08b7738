/**
 * The audit contract, written once: what every service records about a change and what travels
 * on the audit stream to Core, which alone stores the log (`core.audit_log`, read by `auditLog`).
 */
export interface AuditRecord {
  orgId?: string | null;
  actorId?: string | null;
  /** `<area>.<what happened>`, e.g. `workflow.publishWorkflow` or `member.role_changed`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** The gateway's request id, the same in every subgraph the request reached. */
  requestId?: string | null;
  ip?: string | null;
  metadata?: Record<string, unknown>;
}

/** The Redis stream subgraphs' outbox relays publish audit entries to; Core's worker stores them. */
export const auditStreamKey = (redisPrefix: string) => `${redisPrefix}:audit`;

/** One stream entry's fields, as strings (Redis streams store strings only); empty string for none. */
export interface AuditStreamFields {
  /** The outbox row's id, kept as the audit entry's id: a re-published entry is stored once. */
  id: string;
  orgId: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string;
  ip: string;
  /** ISO-8601: when the change was committed in its own service. */
  occurredAt: string;
  /** JSON text. */
  metadata: string;
}

/** A stream entry's fields back as a record (empty strings become null). */
export function parseAuditFields(fields: Record<string, string>): AuditRecord & { id: string; occurredAt: Date } {
  const orNull = (value: string | undefined) => (value ? value : null);
  return {
    id: fields.id,
    orgId: orNull(fields.orgId),
    actorId: orNull(fields.actorId),
    action: fields.action,
    targetType: orNull(fields.targetType),
    targetId: orNull(fields.targetId),
    requestId: orNull(fields.requestId),
    ip: orNull(fields.ip),
    occurredAt: new Date(fields.occurredAt),
    metadata: fields.metadata ? (JSON.parse(fields.metadata) as Record<string, unknown>) : {},
  };
}
