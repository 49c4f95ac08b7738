import type { EntityManager } from '@mikro-orm/postgresql';
import { eventStreamKey, parseStreamEvent } from '@flowgraph/contracts';
import { AppError, StreamConsumer, inScopedTransaction, type Logger, type Redis, type StreamEntry } from '@flowgraph/kernel';
import type { ExecutionStarter } from '../executions/execution-starter';
import { TriggerRepository } from './trigger.repository';

/** Workflow's consumer group on Core's event stream. */
export const EVENT_TRIGGERS_GROUP = 'workflow-triggers';

export interface EventTriggerConsumerOptions {
  root: EntityManager;
  /** Duplicated for the blocking reads; this client itself is used for XACK and XAUTOCLAIM. */
  redis: Redis;
  redisPrefix: string;
  logger: Logger;
  starter: () => ExecutionStarter;
  /** XREADGROUP BLOCK time. Default: 2,000 ms. */
  blockMs?: number;
  /** Entries read per call. Default: 50. */
  batchSize?: number;
  /** An entry pending this long (its consumer died or failed) is claimed by another. Default: 60 s. */
  claimIdleMs?: number;
  /** How often pending entries are looked for. Default: 15 s. */
  claimEveryMs?: number;
  /** After this many deliveries an entry is logged and dropped, so one poison entry cannot loop forever. Default: 10. */
  maxDeliveries?: number;
}

/**
 * Reads Core's event stream in the consumer group `workflow-triggers` and starts the workflows
 * whose EVENT triggers match. Each (event, trigger) starts at most one execution (idempotency key
 * `event:<eventId>:<triggerId>`), so a redelivered entry is harmless; an entry is acknowledged
 * only after all its executions were started, and entries left pending by a dead consumer are
 * claimed and handled again (the kernel's StreamConsumer).
 */
export class EventTriggerConsumer {
  private readonly stream: StreamConsumer;

  constructor(private readonly options: EventTriggerConsumerOptions) {
    this.stream = new StreamConsumer({
      redis: options.redis,
      stream: eventStreamKey(options.redisPrefix),
      group: EVENT_TRIGGERS_GROUP,
      // From new entries on: history does not fire triggers.
      startId: '$',
      logger: options.logger,
      blockMs: options.blockMs,
      batchSize: options.batchSize,
      claimIdleMs: options.claimIdleMs,
      claimEveryMs: options.claimEveryMs,
      maxDeliveries: options.maxDeliveries,
      handle: async (entries) => {
        // One at a time: a failing entry fails the batch, which the stream consumer then retries entry by entry.
        for (const entry of entries) await this.handle(entry);
      },
    });
  }

  get consumerName(): string {
    return this.stream.consumerName;
  }

  /** Creates the group if needed (from new entries on) and starts reading. */
  start(): Promise<void> {
    return this.stream.start();
  }

  stop(): Promise<void> {
    return this.stream.stop();
  }

  /** Claims entries idle longer than claimIdleMs; drops those delivered too often. */
  claimStale(): Promise<void> {
    return this.stream.claimStale();
  }

  /** Handles one entry: starts an execution per matching trigger. Throws on a transient failure (the entry stays pending). */
  async handle(entry: StreamEntry): Promise<number> {
    const event = parseStreamEvent(entry.fields);
    if (!event) {
      this.options.logger.warn({ entryId: entry.id }, 'malformed event stream entry dropped');
      return 0;
    }
    const triggers = await inScopedTransaction(this.options.root, { orgId: event.orgId }, (em) =>
      new TriggerRepository(em).findMatchingEventTriggers(event.tool, event.eventType),
    );
    let started = 0;
    for (const trigger of triggers) {
      try {
        const { created } = await this.options.starter().start({
          orgId: event.orgId,
          workflowId: trigger.workflowId,
          triggerKind: 'event',
          triggerId: trigger.id,
          input: {
            trigger: { kind: 'event' },
            event: {
              id: event.id,
              tool: event.tool,
              eventType: event.eventType,
              occurredAt: event.occurredAt,
              userId: event.userId,
              payload: event.payload,
            },
          },
          idempotencyKey: `event:${event.id}:${trigger.id}`,
        });
        if (created) started++;
      } catch (error) {
        // A rule of the workflow (no live version, deactivated meanwhile) will not change by retrying.
        if (!(error instanceof AppError)) throw error;
        this.options.logger.warn({ eventId: event.id, triggerId: trigger.id, reason: error.message }, 'event trigger did not start');
      }
    }
    return started;
  }
}
