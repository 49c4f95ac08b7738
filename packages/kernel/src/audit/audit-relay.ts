import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
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
  /** Pause between polls when the outbox is empty. Default: 200 ms. */
  intervalMs?: number;
  /** Entries read and published per round. Default: 200. */
  batchSize?: number;
}

/** Approximate stream length kept (XADD MAXLEN ~): far more than Core's worker ever lags behind. */
const STREAM_MAX_LENGTH = 100_000;

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
 * Publishes a subgraph's audit outbox to the audit stream, oldest first, and clears the rows
 * after XADD succeeded: at least once (Core stores each entry id once). Replicas take turns
 * through a transaction-scoped advisory lock per schema.
 */
export class AuditRelay {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly options: AuditRelayOptions) {
    this.intervalMs = options.intervalMs ?? 200;
    this.batchSize = options.batchSize ?? 200;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many entries it published (0 when another relay holds the lock). */
  async publishBatch(): Promise<number> {
    const { schema } = this.options;
    const em = this.options.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtext(?)) as locked`, [`${schema}.audit_outbox`]);
      if (!lock.locked) return 0;
      const rows = await tx.execute<PendingRow[]>(`select * from ${schema}.pending_audit_entries(?)`, [this.batchSize]);
      if (rows.length === 0) return 0;
      const key = auditStreamKey(this.options.redisPrefix);
      const pipeline = this.options.redis.pipeline();
      for (const row of rows) {
        const fields: AuditStreamFields = {
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
        };
        pipeline.xadd(key, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', ...Object.entries(fields).flat());
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      await tx.execute(`select ${schema}.clear_audit_entries(string_to_array(?, ',')::uuid[])`, [rows.map((r) => r.id).join(',')]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let published = 0;
      try {
        published = await this.publishBatch();
      } catch (error) {
        this.options.logger.error({ err: error, schema: this.options.schema }, 'audit relay round failed');
      }
      // A full batch means more are waiting: go again at once.
      if (published < this.batchSize && !this.stopped) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.intervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
