import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, inScopedTransaction, isUuid, type Logger, type Redis } from '@flowgraph/kernel';
import type { ExecutionStarter } from '../executions/execution-starter';
import { TriggerRepository } from './trigger.repository';

/** Core's event stream (see Core's event-stream.ts): one entry per stored event. */
export const eventStreamKey = (redisPrefix: string) => `${redisPrefix}:events`;
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

type StreamEntry = [id: string, fields: string[]];

interface StreamEvent {
  id: string;
  orgId: string;
  userId: string | null;
  tool: string;
  eventType: string;
  occurredAt: string;
  payload: unknown;
}

function parseEntry(fields: string[]): StreamEvent | null {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  const id = map.get('id') ?? '';
  const orgId = map.get('orgId') ?? '';
  if (!isUuid(id) || !isUuid(orgId) || !map.get('tool') || !map.get('eventType')) return null;
  let payload: unknown = {};
  try {
    payload = JSON.parse(map.get('payload') ?? '{}');
  } catch {
    return null;
  }
  return { id, orgId, userId: map.get('userId') || null, tool: map.get('tool')!, eventType: map.get('eventType')!, occurredAt: map.get('occurredAt') ?? '', payload };
}

/**
 * Reads Core's event stream in the consumer group `workflow-triggers` and starts the workflows
 * whose EVENT triggers match. Each (event, trigger) starts at most one execution (idempotency key
 * `event:<eventId>:<triggerId>`), so a redelivered entry is harmless; an entry is acknowledged
 * only after all its executions were started, and entries left pending by a dead consumer are
 * claimed (XAUTOCLAIM) and handled again.
 */
export class EventTriggerConsumer {
  readonly consumerName = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly key: string;
  private readonly blocking: Redis;
  private stopped = false;
  private loop?: Promise<void>;
  private lastClaim = 0;

  constructor(private readonly options: EventTriggerConsumerOptions) {
    this.key = eventStreamKey(options.redisPrefix);
    this.blocking = options.redis.duplicate();
  }

  /** Creates the group if needed (from new entries on: history does not fire triggers) and starts reading. */
  async start(): Promise<void> {
    try {
      await this.options.redis.xgroup('CREATE', this.key, EVENT_TRIGGERS_GROUP, '$', 'MKSTREAM');
    } catch (error) {
      if (!/BUSYGROUP/.test((error as Error).message)) throw error;
    }
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.blocking.disconnect(); // interrupts a blocked XREADGROUP
    await this.loop;
  }

  /** Handles one entry: starts an execution per matching trigger. Throws on a transient failure (the entry stays pending). */
  async handle(entryId: string, fields: string[]): Promise<number> {
    const event = parseEntry(fields);
    if (!event) {
      this.options.logger.warn({ entryId }, 'malformed event stream entry dropped');
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
          input: { trigger: { kind: 'event' }, event: { id: event.id, tool: event.tool, eventType: event.eventType, occurredAt: event.occurredAt, userId: event.userId, payload: event.payload } },
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

  private async process(entries: StreamEntry[]): Promise<void> {
    for (const [entryId, fields] of entries) {
      try {
        await this.handle(entryId, fields);
        await this.options.redis.xack(this.key, EVENT_TRIGGERS_GROUP, entryId);
      } catch (error) {
        this.options.logger.error({ err: error, entryId }, 'event entry failed; left pending for a retry');
      }
    }
  }

  /** Claims entries idle longer than claimIdleMs; drops (acks) those delivered too often. */
  async claimStale(): Promise<void> {
    const { redis } = this.options;
    const maxDeliveries = this.options.maxDeliveries ?? 10;
    let cursor = '0-0';
    do {
      const [next, claimed] = (await redis.xautoclaim(this.key, EVENT_TRIGGERS_GROUP, this.consumerName, this.options.claimIdleMs ?? 60_000, cursor, 'COUNT', this.options.batchSize ?? 50)) as [string, StreamEntry[]];
      cursor = next;
      const retry: StreamEntry[] = [];
      for (const entry of claimed) {
        const [pending] = (await redis.xpending(this.key, EVENT_TRIGGERS_GROUP, entry[0], entry[0], 1)) as [string, string, number, number][];
        if (pending && pending[3] > maxDeliveries) {
          this.options.logger.error({ entryId: entry[0], deliveries: pending[3] }, 'event entry dropped after too many deliveries');
          await redis.xack(this.key, EVENT_TRIGGERS_GROUP, entry[0]);
        } else retry.push(entry);
      }
      await this.process(retry);
    } while (cursor !== '0-0' && !this.stopped);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (Date.now() - this.lastClaim >= (this.options.claimEveryMs ?? 15_000)) {
          this.lastClaim = Date.now();
          await this.claimStale();
        }
        const result = (await this.blocking.xreadgroup(
          'GROUP', EVENT_TRIGGERS_GROUP, this.consumerName,
          'COUNT', this.options.batchSize ?? 50,
          'BLOCK', this.options.blockMs ?? 2000,
          'STREAMS', this.key, '>',
        )) as [string, StreamEntry[]][] | null;
        if (result) await this.process(result[0][1]);
      } catch (error) {
        if (this.stopped) break;
        this.options.logger.error({ err: error }, 'event consumer round failed');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
