import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeTimeIdCursor } from '@flowgraph/kernel';
import { AuditEntryEntity, type AuditEntry } from './audit-entry.entity';

export interface NewAuditEntry {
  orgId?: string | null;
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  metadata?: Record<string, unknown>;
}

/** Audit queries: insert and read, nothing else (the table is append-only). */
export class AuditRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * A plain INSERT without RETURNING: an entry with no organization (a failed login) passes
   * the insert policy but not the read policy, and RETURNING would need both.
   */
  async insert(entry: NewAuditEntry): Promise<void> {
    await this.em.execute(
      `insert into core.audit_log (id, org_id, actor_id, action, target_type, target_id, ip, metadata)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [
        randomUUID(),
        entry.orgId ?? null,
        entry.actorId ?? null,
        entry.action,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.ip ?? null,
        JSON.stringify(entry.metadata ?? {}),
      ],
    );
  }

  /** A page of one organization's entries, newest first, after a `(createdAt, id)` cursor. */
  page(orgId: string, limit: number, after?: string | null): Promise<AuditEntry[]> {
    const where = after ? afterCursor(after) : {};
    return this.em.find(AuditEntryEntity, { orgId, ...where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }
}

function afterCursor(after: string) {
  const { at, id } = decodeTimeIdCursor(after);
  return { $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] };
}
