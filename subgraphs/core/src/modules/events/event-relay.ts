import type { MikroORM } from '@mikro-orm/postgresql';
import { encodeStreamEvent, eventStreamKey, type EventStreamFields } from '@flowgraph/contracts';
import { OutboxRelay, type Logger, type Redis } from '@flowgraph/kernel';

export interface EventRelayOptions {
  orm: MikroORM;
  /** A non-blocking Redis client (XADD only). */
  redis: Redis;
  redisPrefix: string;
  logger: Logger;
  /** How often an empty outbox is read anyway; inserts wake the relay at once (see `OutboxRelayOptions`). Default: 5,000 ms. */
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

/**
 * Copies stored events (core.events is the outbox) to the Redis stream, in ingestion order, and
 * marks them published after XADD succeeded: at least once; consumers dedupe on the event id.
 */
export class EventRelay extends OutboxRelay<UnpublishedRow, EventStreamFields> {
  constructor({ redisPrefix, ...options }: EventRelayOptions) {
    super(
      { ...options, streamKey: eventStreamKey(redisPrefix) },
      {
        name: 'core.events',
        read: (tx, limit) => tx.execute<UnpublishedRow[]>('select * from core.unpublished_events(?)', [limit]),
        fields: (row): EventStreamFields =>
          encodeStreamEvent({
            id: row.id,
            orgId: row.org_id,
            userId: row.user_id,
            tool: row.tool,
            eventType: row.event_type,
            occurredAt: new Date(row.occurred_at).toISOString(),
            payload: row.payload,
            seq: row.seq,
          }),
        markPublished: async (tx, ids) => {
          await tx.execute(`select core.mark_events_published(string_to_array(?, ',')::uuid[])`, [ids.join(',')]);
        },
      },
    );
  }
}
