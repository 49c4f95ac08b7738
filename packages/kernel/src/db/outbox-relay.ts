import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** Where an outbox lives and how its rows become stream entries: what differs between outboxes. */
/** A stream entry's fields: names to string values. */
export type StreamFields<F> = { [K in keyof F]: string };

export interface OutboxSource<Row, Fields extends StreamFields<Fields>> {
  /** Names the outbox in logs and in the advisory lock replicas take turns on. */
  name: string;
  /** Up to `limit` unpublished rows, oldest first, in the relay's transaction. */
  read(tx: EntityManager, limit: number): Promise<Row[]>;
  /** The stream entry's fields for a row; null when there is nothing left to publish for it (marked all the same). */
  fields(row: Row): Fields | null;
  /** Marks rows published (or clears them), in the same transaction, after XADD succeeded. */
  markPublished(tx: EntityManager, rows: Row[]): Promise<void>;
}

export interface OutboxRelayOptions {
  orm: MikroORM;
  /** A non-blocking Redis client (XADD only). */
  redis: Redis;
  /** The stream the entries go to. */
  streamKey: string;
  logger: Logger;
  /** Pause between polls when the outbox is empty: the latency an idle relay adds. Default: 200 ms. */
  intervalMs?: number;
  /** Rows read and published per round. Default: 200. */
  batchSize?: number;
  /** Approximate stream length kept (`XTRIM MAXLEN ~` after each round). Default: 100,000. */
  maxLength?: number;
}

/**
 * Publishes an outbox table to a Redis stream, oldest first, and marks the rows published after
 * XADD succeeded: at least once. A crash between the two re-publishes the batch; consumers dedupe
 * on the row id. Replicas take turns through a transaction-scoped advisory lock per outbox.
 */
export class OutboxRelay<Row, Fields extends StreamFields<Fields>> {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxLength: number;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly options: OutboxRelayOptions,
    private readonly source: OutboxSource<Row, Fields>,
  ) {
    this.intervalMs = options.intervalMs ?? 200;
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

  /** Publishes one batch; returns how many rows it handled (0 when another relay holds the lock). */
  async publishBatch(): Promise<number> {
    const em = this.options.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(hashtext(?)) as locked', [this.source.name]);
      if (!lock.locked) return 0;
      const rows = await this.source.read(tx, this.batchSize);
      if (rows.length === 0) return 0;
      const pipeline = this.options.redis.pipeline();
      for (const row of rows) {
        const fields = this.source.fields(row);
        if (!fields) continue;
        const entry: string[] = [];
        for (const [name, value] of Object.entries(fields) as [string, string][]) entry.push(name, value);
        pipeline.xadd(this.options.streamKey, '*', ...entry);
      }
      if (pipeline.length > 0) {
        // Trimmed once a round rather than by every XADD: three arguments fewer per entry for the
        // client to encode (a fifth of its work); the stream may pass maxLength by one round.
        pipeline.xtrim(this.options.streamKey, 'MAXLEN', '~', this.maxLength);
        const results = (await pipeline.exec()) ?? [];
        const failed = results.find(([error]) => error);
        if (failed) throw failed[0];
      }
      await this.source.markPublished(tx, rows);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let published = 0;
      try {
        published = await this.publishBatch();
        if (published > 0) this.options.logger.debug({ outbox: this.source.name, published }, 'outbox published');
      } catch (error) {
        this.options.logger.error({ err: error, outbox: this.source.name }, 'outbox relay round failed');
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
