import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditRecord, TimeIdPosition } from '@flowgraph/kernel';
import { AuditEntryEntity, type AuditEntry } from './audit-entry.entity';

/** An entry to store: Core's own (a new id, now) or one relayed from another subgraph (its id and time). */
export interface NewAuditEntry extends AuditRecord {
  id?: string;
  createdAt?: Date;
}

/** Audit queries: insert and read, nothing else (the table is append-only). */
export class AuditRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * A plain INSERT without RETURNING: an entry with no organization (a failed login) passes
   * the insert policy but not the read policy, and RETURNING would need both (so would ON
   * CONFLICT: a relayed entry stored twice fails on the primary key instead).
   */
  async insert(entry: NewAuditEntry): Promise<void> {
    await this.em.execute(
      `insert into core.audit_log (id, org_id, actor_id, action, target_type, target_id, request_id, ip, metadata, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, coalesce(?::timestamptz, clock_timestamp()))`,
      [
        entry.id ?? randomUUID(),
        entry.orgId ?? null,
        entry.actorId ?? null,
        entry.action,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.requestId ?? null,
        entry.ip ?? null,
        JSON.stringify(entry.metadata ?? {}),
        entry.createdAt?.toISOString() ?? null,
      ],
    );
  }

  /** A page of one organization's entries, newest first, after a `(createdAt, id)` position. */
  page(orgId: string, limit: number, after?: TimeIdPosition): Promise<AuditEntry[]> {
    const where = after ? before(after) : {};
    return this.em.find(AuditEntryEntity, { orgId, ...where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }
}

function before({ at, id }: TimeIdPosition) {
  return { $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] };
}
