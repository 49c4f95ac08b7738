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
  /**
   * Events read and published per round. Default: 1,000 (an ingest batch in one round): a round is
   * a transaction (lock, read, mark), and five rounds of 200 cost Postgres about three times one
   * round of 1,000.
   */
  batchSize?: number;
  /** Approximate stream length kept (`XTRIM MAXLEN ~` after each round). Default: 100,000. */
  maxLength?: number;
}

/** An event to publish, at its ordinal in its outbox row; the event's columns are null when it was deleted meanwhile. */
interface UnpublishedRow {
  outbox_id: string;
  ordinal: number;
  id: string | null;
  org_id: string;
  user_id: string | null;
  tool: string;
  event_type: string;
  occurred_at: Date | string;
  /** JSON text, as the stream carries it. */
  payload: string;
  seq: string;
}

/**
 * Copies stored events to the Redis stream in the order of core.event_outbox (one row per insert,
 * listing its events in ingestion order), and marks them published after XADD succeeded: at least
 * once; consumers dedupe on the event id.
 */
export class EventRelay extends OutboxRelay<UnpublishedRow, EventStreamFields> {
  constructor({ redisPrefix, batchSize = 1000, ...options }: EventRelayOptions) {
    super(
      { ...options, batchSize, streamKey: eventStreamKey(redisPrefix) },
      {
        name: 'core.event_outbox',
        read: (tx, limit) => tx.execute<UnpublishedRow[]>('select * from core.unpublished_events(?)', [limit]),
        fields: (row): EventStreamFields | null =>
          row.id === null
            ? null
            : encodeStreamEvent({
                id: row.id,
                orgId: row.org_id,
                userId: row.user_id,
                tool: row.tool,
                eventType: row.event_type,
                occurredAt: new Date(row.occurred_at).toISOString(),
                // JSON text as Postgres returns it, not parsed only to be serialised again.
                payloadJson: row.payload,
                seq: row.seq,
              }),
        markPublished: async (tx, rows) => {
          // Rows come in outbox order: each outbox row is published up to the last ordinal read from it.
          const upto = new Map<string, number>();
          for (const row of rows) upto.set(row.outbox_id, row.ordinal);
          await tx.execute(`select core.mark_events_published(string_to_array(?, ',')::bigint[], string_to_array(?, ',')::int[])`, [
            [...upto.keys()].join(','),
            [...upto.values()].join(','),
          ]);
        },
      },
    );
  }
}
