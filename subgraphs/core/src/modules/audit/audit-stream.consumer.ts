import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  StreamConsumer,
  auditStreamKey,
  inScopedTransaction,
  parseAuditFields,
  type Logger,
  type Redis,
  type StreamEntry,
} from '@flowgraph/kernel';
import { AuditRepository } from './audit.repository';

/** Core's consumer group on the audit stream. */
export const AUDIT_LOG_GROUP = 'core-audit-log';

export interface AuditStreamConsumerOptions {
  root: EntityManager;
  redis: Redis;
  redisPrefix: string;
  logger: Logger;
  blockMs?: number;
  claimIdleMs?: number;
  claimEveryMs?: number;
}

/**
 * Stores the audit entries other subgraphs relay from their outboxes in `core.audit_log`, each
 * under its organization's row-level-security scope. The entry keeps its outbox id, so a
 * re-delivered entry fails on the primary key and is skipped: it is stored once. A new group starts at the stream's beginning: entries
 * relayed before Core's worker first ran are not skipped.
 */
export function createAuditStreamConsumer(options: AuditStreamConsumerOptions): StreamConsumer {
  const { root, ...rest } = options;
  return new StreamConsumer({
    ...rest,
    stream: auditStreamKey(options.redisPrefix),
    group: AUDIT_LOG_GROUP,
    startId: '0',
    handle: (entries) => store(root, entries),
  });
}

async function store(root: EntityManager, entries: StreamEntry[]): Promise<void> {
  for (const entry of entries) {
    const { occurredAt, ...record } = parseAuditFields(entry.fields);
    try {
      await inScopedTransaction(root, { orgId: record.orgId ?? undefined }, (em) =>
        new AuditRepository(em).insert({ ...record, createdAt: occurredAt }),
      );
    } catch (error) {
      // The entry's id is already in the log: delivered before.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }
}
