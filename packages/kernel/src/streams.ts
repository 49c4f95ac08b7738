import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from './logger';
import { WakeablePause } from './timeouts';

/** One Redis stream entry, its fields as a record (Redis stores strings only). */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

/**
 * Handles a batch of entries. Resolving acknowledges the whole batch; throwing leaves it pending
 * (see {@link StreamConsumer}). Delivery is at least once, so a handler must be idempotent.
 */
export type StreamBatchHandler = (entries: StreamEntry[]) => Promise<void>;

export interface StreamConsumerOptions {
  /** Used for XGROUP, XACK, XPENDING and XAUTOCLAIM; a duplicate of it does the blocking reads. */
  redis: Redis;
  stream: string;
  group: string;
  /**
   * Where a group created by {@link StreamConsumer.start} begins: `'$'` (default) for entries added
   * from now on, `'0'` for everything the stream still holds. An existing group keeps its position.
   */
  startId?: string;
  handle: StreamBatchHandler;
  logger: Logger;
  /** Unique per process; default `host:pid:random`. */
  consumerName?: string;
  /** XREADGROUP BLOCK time. Default: 2,000 ms. */
  blockMs?: number;
  /** Most entries handled in one batch. Default: 50. */
  batchSize?: number;
  /**
   * After the first entries of a round arrive, keep reading for up to this long (or until
   * `batchSize`) before handling, so a busy stream is handled in fewer, larger batches. Default: 0.
   */
  lingerMs?: number;
  /** An entry pending this long (its consumer died, or its batch failed) is claimed and handled again. Default: 60 s. */
  claimIdleMs?: number;
  /** How often pending entries are looked for. Default: 15 s. */
  claimEveryMs?: number;
  /** An entry delivered more often than this is logged and dropped (acknowledged unhandled), so a poison entry cannot loop forever. Default: 10. */
  maxDeliveries?: number;
  /** Pause after a round failed on Redis itself. Default: 1,000 ms. */
  retryDelayMs?: number;
}

type RawEntry = [id: string, fields: string[] | null];

function toRecord(fields: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]] = fields[i + 1];
  return record;
}

/**
 * Reads a Redis stream in a consumer group, at least once: a batch is acknowledged (XACK) only
 * after its handler resolved. A failed batch is retried at once entry by entry, so one poison
 * entry holds back (and is dropped with) no neighbour; what still fails stays pending. Entries
 * pending longer than `claimIdleMs` — a failed one, or one read by a consumer that died — are
 * claimed with XAUTOCLAIM and handled again; past `maxDeliveries` they are logged and dropped.
 * `stop()` lets the batch in hand finish and acknowledge.
 */
export class StreamConsumer {
  readonly consumerName: string;
  private readonly blocking: Redis;
  private readonly blockMs: number;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly claimIdleMs: number;
  private readonly claimEveryMs: number;
  private readonly maxDeliveries: number;
  private readonly retryDelayMs: number;
  private stopped = false;
  private loop?: Promise<void>;
  private lastClaim = 0;
  private readonly pauses = new WakeablePause();

  constructor(private readonly options: StreamConsumerOptions) {
    this.consumerName = options.consumerName ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.blocking = options.redis.duplicate();
    this.blockMs = options.blockMs ?? 2000;
    this.batchSize = options.batchSize ?? 50;
    this.lingerMs = options.lingerMs ?? 0;
    this.claimIdleMs = options.claimIdleMs ?? 60_000;
    this.claimEveryMs = options.claimEveryMs ?? 15_000;
    this.maxDeliveries = options.maxDeliveries ?? 10;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /** Creates the group if it does not exist (and the stream with it), then starts reading. */
  async start(): Promise<void> {
    await this.ensureGroup();
    this.loop ??= this.run();
  }

  private async ensureGroup(): Promise<void> {
    const { redis, stream, group } = this.options;
    try {
      await redis.xgroup('CREATE', stream, group, this.options.startId ?? '$', 'MKSTREAM');
    } catch (error) {
      if (!/BUSYGROUP/.test((error as Error).message)) throw error;
    }
  }

  /** Stops reading; the batch in hand is finished and acknowledged first. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pauses.wake();
    this.blocking.disconnect(); // interrupts a blocked XREADGROUP
    await this.loop;
    await this.leaveGroupIfIdle();
  }

  /** Claims entries pending longer than `claimIdleMs` and handles them; drops those delivered too often. */
  async claimStale(): Promise<void> {
    const { redis, stream, group } = this.options;
    let cursor = '0-0';
    do {
      const [next, claimed] = (await redis.xautoclaim(
        stream,
        group,
        this.consumerName,
        this.claimIdleMs,
        cursor,
        'COUNT',
        this.batchSize,
      )) as [string, RawEntry[]];
      cursor = next;
      const live: StreamEntry[] = [];
      for (const [id, fields] of claimed) {
        // Older Redis versions return entries trimmed from the stream with no fields: nothing to handle.
        if (fields) live.push({ id, fields: toRecord(fields) });
        else await redis.xack(stream, group, id);
      }
      const deliveries = await this.deliveryCounts(live);
      const retry: StreamEntry[] = [];
      for (const entry of live) {
        const count = deliveries.get(entry.id) ?? 0;
        if (count > this.maxDeliveries) {
          this.options.logger.error(
            { stream, group, entryId: entry.id, deliveries: count },
            'stream entry dropped after too many deliveries',
          );
          await redis.xack(stream, group, entry.id);
        } else retry.push(entry);
      }
      if (retry.length > 0) await this.process(retry);
    } while (cursor !== '0-0' && !this.stopped);
  }

  private async deliveryCounts(entries: StreamEntry[]): Promise<Map<string, number>> {
    if (entries.length === 0) return new Map();
    const { redis, stream, group } = this.options;
    // Claimed entries are now this consumer's: one XPENDING over their id range finds them all.
    const rows = (await redis.xpending(
      stream,
      group,
      entries[0].id,
      entries[entries.length - 1].id,
      entries.length * 2 + 10,
      this.consumerName,
    )) as [string, string, number, number][];
    return new Map(rows.map(([id, , , count]) => [id, Number(count)]));
  }

  /** Handles a batch and acknowledges it; on failure retries entry by entry. Never throws. */
  private async process(entries: StreamEntry[]): Promise<void> {
    const { logger, stream, group } = this.options;
    try {
      await this.options.handle(entries);
      await this.ack(entries);
      return;
    } catch (error) {
      logger.error({ err: error, stream, group, entries: entries.length }, 'stream batch failed');
    }
    if (entries.length === 1) return;
    for (const entry of entries) {
      try {
        await this.options.handle([entry]);
        await this.ack([entry]);
      } catch (error) {
        logger.error({ err: error, stream, group, entryId: entry.id }, 'stream entry failed; left pending for a retry');
      }
    }
  }

  private async ack(entries: StreamEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.options.redis.xack(this.options.stream, this.options.group, ...entries.map((e) => e.id));
  }

  /** One XREADGROUP of new entries; null when none arrived within `blockMs`. */
  private async read(count: number, blockMs: number): Promise<StreamEntry[] | null> {
    const result = (await this.blocking.xreadgroup(
      'GROUP',
      this.options.group,
      this.consumerName,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.options.stream,
      '>',
    )) as [string, RawEntry[]][] | null;
    if (!result) return null;
    return result[0][1].map(([id, fields]) => ({ id, fields: toRecord(fields ?? []) }));
  }

  /** The first entries of a round, then whatever arrives within `lingerMs`, up to `batchSize`. */
  private async readBatch(): Promise<StreamEntry[] | null> {
    const entries = await this.read(this.batchSize, this.blockMs);
    if (!entries || this.lingerMs <= 0) return entries;
    const deadline = Date.now() + this.lingerMs;
    while (entries.length < this.batchSize && !this.stopped) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      try {
        const more = await this.read(this.batchSize - entries.length, remaining);
        if (more) entries.push(...more);
      } catch (error) {
        // Interrupted by stop(): the entries in hand are still handled; anything else retries the round.
        if (this.stopped) break;
        throw error;
      }
    }
    return entries;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (Date.now() - this.lastClaim >= this.claimEveryMs) {
          this.lastClaim = Date.now();
          await this.claimStale();
        }
        const entries = await this.readBatch();
        if (entries && entries.length > 0) await this.process(entries);
      } catch (error) {
        if (this.stopped) break;
        this.options.logger.error({ err: error, stream: this.options.stream, group: this.options.group }, 'stream consumer round failed');
        await this.pauses.wait(this.retryDelayMs);
        // The stream (and its group) was deleted meanwhile: start over as a new group would.
        if (/NOGROUP/.test((error as Error).message)) await this.ensureGroup().catch(() => undefined);
      }
    }
  }

  /** A consumer that leaves nothing pending is removed from the group, so dead names do not pile up. */
  private async leaveGroupIfIdle(): Promise<void> {
    const { redis, stream, group } = this.options;
    try {
      const pending = (await redis.xpending(stream, group, '-', '+', 1, this.consumerName)) as unknown[];
      if (pending.length === 0) await redis.xgroup('DELCONSUMER', stream, group, this.consumerName);
    } catch (error) {
      this.options.logger.warn({ err: error, stream, group }, 'could not leave the consumer group');
    }
  }
}
