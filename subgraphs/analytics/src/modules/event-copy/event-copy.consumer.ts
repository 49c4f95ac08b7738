import type { EntityManager } from '@mikro-orm/postgresql';
import { PLATFORM_TOOL, eventStreamKey } from '@flowgraph/contracts';
import { StreamConsumer, type Logger, type Redis, type StreamEntry } from '@flowgraph/kernel';
import { parseStreamEntry, type CopiedEvent } from './copied-event';
import { storeEvents } from './event-copy.service';
import { ANALYTICS_CONSUMER_GROUP } from './event-stream';

/** A user whose events a batch carried. */
export interface EventUser {
  orgId: string;
  userId: string;
}

export interface EventCopyConsumerOptions {
  root: EntityManager;
  /** Duplicated for the blocking reads; this client itself does XACK and XAUTOCLAIM. */
  redis: Redis;
  redisPrefix: string;
  logger: Logger;
  /**
   * Runs after a batch's events are stored and before the batch is acknowledged, with every
   * user whose minable (non-platform) events the batch carried — stored now or before (a
   * redelivered entry whose first handling failed midway must still reach it), and the batch's
   * events. Throwing leaves the batch pending for a retry.
   */
  afterStore?: (users: EventUser[], events: CopiedEvent[]) => Promise<void>;
  /** PATTERN_REFRESH_DEBOUNCE_MS: after the first entries arrive, wait this long for more, so a busy stream is handled (and its users re-mined) once per round. */
  debounceMs?: number;
  /** Most entries per round. Default: 5,000 (under a backlog, bigger rounds mine each user once per more events). */
  batchSize?: number;
  /** XREADGROUP BLOCK time. Default: 2,000 ms. */
  blockMs?: number;
  /** A pending entry idle this long (failed, or its consumer died) is claimed. Default: 60 s. */
  claimIdleMs?: number;
  /** How often pending entries are looked for. Default: 15 s. */
  claimEveryMs?: number;
  /** Deliveries after which an entry is dropped. Default: 10. */
  maxDeliveries?: number;
}

/** The distinct users with minable events among `events`, in first-seen order. */
export function usersOf(events: readonly CopiedEvent[]): EventUser[] {
  const users = new Map<string, EventUser>();
  for (const e of events) {
    if (e.userId === null || e.tool === PLATFORM_TOOL) continue;
    users.set(`${e.orgId}:${e.userId}`, { orgId: e.orgId, userId: e.userId });
  }
  return [...users.values()];
}

/**
 * Copies Core's event stream into analytics.events through the consumer group `analytics`
 * (created from the start of the stream: the history it holds is read once). A batch is stored
 * (each event once by id), handed to `afterStore` (re-mining its users), then acknowledged; a
 * stopped consumer's group resumes where it left off. Malformed entries are logged and dropped.
 */
export class EventCopyConsumer {
  private readonly stream: StreamConsumer;

  constructor(private readonly options: EventCopyConsumerOptions) {
    this.stream = new StreamConsumer({
      redis: options.redis,
      stream: eventStreamKey(options.redisPrefix),
      group: ANALYTICS_CONSUMER_GROUP,
      startId: '0',
      logger: options.logger,
      batchSize: options.batchSize ?? 5000,
      lingerMs: options.debounceMs ?? 0,
      blockMs: options.blockMs,
      claimIdleMs: options.claimIdleMs,
      claimEveryMs: options.claimEveryMs,
      maxDeliveries: options.maxDeliveries,
      handle: (entries) => this.handle(entries),
    });
  }

  get consumerName(): string {
    return this.stream.consumerName;
  }

  start(): Promise<void> {
    return this.stream.start();
  }

  stop(): Promise<void> {
    return this.stream.stop();
  }

  /** Stores one batch and runs `afterStore`; throws (leaving the batch pending) when either fails. */
  async handle(entries: StreamEntry[]): Promise<void> {
    const events: CopiedEvent[] = [];
    for (const entry of entries) {
      const event = parseStreamEntry(entry);
      if (event) events.push(event);
      else this.options.logger.warn({ entryId: entry.id }, 'malformed event stream entry dropped');
    }
    if (events.length === 0) return;
    const inserted = await storeEvents(this.options.root, events);
    this.options.logger.debug({ entries: entries.length, inserted }, 'events copied');
    const users = usersOf(events);
    if (users.length > 0) await this.options.afterStore?.(users, events);
  }
}
