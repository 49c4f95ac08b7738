import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { WakeablePause } from '../timeouts';
import { ChannelListener } from './channel-listener';

/** A stream entry's fields: names to string values. */
export type StreamFields<F> = { [K in keyof F]: string };

/** Where an outbox lives and how its rows become stream entries: what differs between outboxes. */
export interface OutboxSource<Row, Fields extends StreamFields<Fields>> {
  /**
   * The outbox table (`schema.table`): names it in logs, in the advisory lock replicas take turns
   * on, and is the channel its insert trigger notifies (see {@link outboxNotifyMigration}).
   */
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
  /**
   * How often an empty outbox is read anyway. Inserts wake the relay at once (LISTEN/NOTIFY); this
   * bounds the wait for rows whose notification was missed (listening connection down). Default: 5,000 ms.
   */
  intervalMs?: number;
  /** Rows read and published per round. Default: 200. */
  batchSize?: number;
  /** Approximate stream length kept (`XTRIM MAXLEN ~` after each round). Default: 100,000. */
  maxLength?: number;
}

/**
 * SQL a migration runs so that inserts into an outbox wake its relay: a statement trigger that
 * notifies the channel named after the table, once per inserting transaction (Postgres folds
 * identical notifications of one transaction), delivered at commit.
 */
export function outboxNotifyMigration(table: string): string[] {
  const fn = `${table}_notify`;
  return [
    `create function ${fn}() returns trigger language plpgsql as $$
       begin
         perform pg_notify('${table}', '');
         return null;
       end
     $$`,
    `create trigger notify_relay after insert on ${table} for each statement execute function ${fn}()`,
  ];
}

/**
 * Publishes an outbox table to a Redis stream, oldest first, and marks the rows published after
 * XADD succeeded: at least once. A crash between the two re-publishes the batch; consumers dedupe
 * on the row id. Replicas take turns through a transaction-scoped advisory lock per outbox.
 * An idle relay waits for the outbox's notification rather than polling (see `intervalMs`).
 */
export class OutboxRelay<Row, Fields extends StreamFields<Fields>> {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxLength: number;
  private readonly listener: ChannelListener;
  private stopped = false;
  private loop?: Promise<void>;
  private readonly pauses = new WakeablePause();
  /** A notification arrived since the current round began: its rows may have been missed. */
  private notified = false;
  /** Waiting after a failed round: notifications do not cut that wait short. */
  private retrying = false;

  constructor(
    private readonly options: OutboxRelayOptions,
    private readonly source: OutboxSource<Row, Fields>,
  ) {
    this.intervalMs = options.intervalMs ?? 5000;
    this.batchSize = options.batchSize ?? 200;
    this.maxLength = options.maxLength ?? 100_000;
    this.listener = new ChannelListener({
      orm: options.orm,
      channel: source.name,
      logger: options.logger,
      onNotify: () => {
        this.notified = true;
        if (!this.retrying) this.pauses.wake();
      },
    });
  }

  start(): void {
    this.listener.start();
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pauses.wake();
    await Promise.all([this.loop, this.listener.stop()]);
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
      this.notified = false;
      let published = 0;
      try {
        published = await this.publishBatch();
        if (published > 0) this.options.logger.debug({ outbox: this.source.name, published }, 'outbox published');
      } catch (error) {
        this.options.logger.error({ err: error, outbox: this.source.name }, 'outbox relay round failed');
        // Redis or Postgres is out: retry at a steady pace, however many notifications arrive meanwhile.
        this.retrying = true;
        if (!this.stopped) await this.pauses.wait(Math.min(this.intervalMs, 1000));
        this.retrying = false;
        continue;
      }
      // A full batch means more are waiting, a notification during the round rows it may not have seen: go again at once.
      if (published < this.batchSize && !this.notified && !this.stopped) await this.pauses.wait(this.intervalMs);
    }
  }
}
