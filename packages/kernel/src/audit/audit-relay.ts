import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { OutboxRelay } from '../db/outbox-relay';
import type { Logger } from '../logger';
import { auditStreamKey, type AuditStreamFields } from './audit-entry';

export interface AuditRelayOptions {
  orm: MikroORM;
  /** The schema whose `audit_outbox` is relayed (see `auditOutboxMigration`). */
  schema: string;
  /** A non-blocking Redis client (XADD only). */
  redis: Redis;
  redisPrefix: string;
  logger: Logger;
  /** How often an empty outbox is read anyway; inserts wake the relay at once (see `OutboxRelayOptions`). Default: 5,000 ms. */
  intervalMs?: number;
  /** Entries read and published per round. Default: 200. */
  batchSize?: number;
}

interface PendingRow {
  id: string;
  org_id: string | null;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  ip: string | null;
  metadata: unknown;
  created_at: Date | string;
}

/**
 * Publishes a subgraph's audit outbox to the audit stream and clears the rows after XADD
 * succeeded: at least once (Core stores each entry id once).
 */
export class AuditRelay extends OutboxRelay<PendingRow, AuditStreamFields> {
  constructor({ schema, redisPrefix, ...options }: AuditRelayOptions) {
    super(
      { ...options, streamKey: auditStreamKey(redisPrefix) },
      {
        name: `${schema}.audit_outbox`,
        read: (tx: EntityManager, limit) => tx.execute<PendingRow[]>(`select * from ${schema}.pending_audit_entries(?)`, [limit]),
        fields: (row): AuditStreamFields => ({
          id: row.id,
          orgId: row.org_id ?? '',
          actorId: row.actor_id ?? '',
          action: row.action,
          targetType: row.target_type ?? '',
          targetId: row.target_id ?? '',
          requestId: row.request_id ?? '',
          ip: row.ip ?? '',
          occurredAt: new Date(row.created_at).toISOString(),
          metadata: JSON.stringify(row.metadata ?? {}),
        }),
        markPublished: async (tx, rows) => {
          await tx.execute(`select ${schema}.clear_audit_entries(string_to_array(?, ',')::uuid[])`, [rows.map((row) => row.id).join(',')]);
        },
      },
    );
  }
}
