import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Redis } from '@flowgraph/kernel';
import { eventStreamKey, type EventStreamFields } from './event-stream';

export interface EventRelayOptions {
  orm: MikroORM;
  /** A non-blocking Redis client (XADD only). */
  redis: Redis;
  redisPrefix: string;
  logger: Logger;
  /** Pause between polls when the outbox is empty. Default: 50 ms (the latency an idle relay adds). */
  intervalMs?: number;
  /** Events read and published per round. Default: 200. */
  batchSize?: number;
  /** Approximate stream length kept (`XADD MAXLEN ~`). Default: 100,000. */
  maxLength?: number;
}

interface UnpublishedRow {
  id: string;
  org_id: string;
  user_id: string | null;
  tool: string;
  event_type: string;
  occurred_at: Date | string;
  payload: unknown;
  seq: string;
}

/** Any constant both relay replicas agree on: only one of them publishes at a time, in order. */
const RELAY_LOCK = 727_400;

/**
 * Copies stored events (core.events is the outbox) to the Redis stream, oldest first, and marks
 * them published after XADD succeeded: at least once. A crash between the two re-publishes the
 * batch; consumers dedupe on the event id.
 */
export class EventRelay {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxLength: number;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly options: EventRelayOptions) {
    this.intervalMs = options.intervalMs ?? 50;
    this.batchSize = options.batchSize ?? 200;
    this.maxLength = options.maxLength ?? 100_000;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many events it published (0 when another relay holds the lock). */
  async publishBatch(): Promise<number> {
    const em = this.options.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [RELAY_LOCK]);
      if (!lock.locked) return 0;
      const rows = await tx.execute<UnpublishedRow[]>('select * from core.unpublished_events(?)', [this.batchSize]);
      if (rows.length === 0) return 0;
      const key = eventStreamKey(this.options.redisPrefix);
      const pipeline = this.options.redis.pipeline();
      for (const row of rows) {
        const fields: EventStreamFields = {
          id: row.id,
          orgId: row.org_id,
          userId: row.user_id ?? '',
          tool: row.tool,
          eventType: row.event_type,
          occurredAt: new Date(row.occurred_at).toISOString(),
          payload: JSON.stringify(row.payload ?? {}),
          seq: String(row.seq),
        };
        pipeline.xadd(key, 'MAXLEN', '~', this.maxLength, '*', ...Object.entries(fields).flat());
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      await tx.execute(`select core.mark_events_published(string_to_array(?, ',')::uuid[])`, [rows.map((r) => r.id).join(',')]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let published = 0;
      try {
        published = await this.publishBatch();
        if (published > 0) this.options.logger.debug({ published }, 'events published');
      } catch (error) {
        this.options.logger.error({ err: error }, 'event relay round failed');
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
