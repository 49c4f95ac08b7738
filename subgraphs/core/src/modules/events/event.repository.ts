import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound, validUuids, type TimeIdPosition } from '@flowgraph/kernel';
import type { Event } from './event.entity';
import { eventFromRow, type EventRow } from './event.row';

export interface NewEvent {
  idempotencyKey: string;
  eventType: string;
  tool: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** Which id an idempotency key is stored under. */
export interface StoredKey {
  id: string;
  idempotencyKey: string;
}

interface StoredKeyRow {
  id: string;
  idempotency_key: string;
}

const storedKeyFromRow = (row: StoredKeyRow): StoredKey => ({ id: row.id, idempotencyKey: row.idempotency_key });

/** The allow-listed filters of `events`; nothing else reaches SQL. */
export interface EventFilter {
  eventType?: string;
  tool?: string;
  from?: Date;
  to?: Date;
}

/**
 * Event queries. Each also names the organization explicitly; row-level security is the second
 * line of defence, not the first. Events are written by SQL and never updated, so every query
 * returns plain objects (`eventFromRow`), read in the request's transaction, not managed entities.
 */
export class EventRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly fromRow = (row: EventRow): Event => eventFromRow(row, this.em.getPlatform());

  /**
   * Inserts a batch in one statement; rows whose (org, idempotency key) exists are skipped.
   * Rows are numbered (`seq`) in the batch's order: the tie-breaker of events of one instant.
   * Returns the id and key of the rows inserted now, not the rows: callers count them, and the
   * events a caller asks to see are read by id (a batch's payloads back from Postgres, parsed,
   * were a large share of the call's CPU). The batch travels as one bound JSON parameter. The
   * events inserted are listed in core.event_outbox, which the relay publishes to the stream.
   */
  async insertNew(orgId: string, userId: string | null, events: NewEvent[]): Promise<StoredKey[]> {
    if (events.length === 0) return [];
    const records = events.map((e) => ({
      idempotency_key: e.idempotencyKey,
      event_type: e.eventType,
      tool: e.tool,
      occurred_at: e.occurredAt.toISOString(),
      payload: e.payload,
    }));
    const rows = await executeBound<StoredKeyRow>(
      this.em,
      `with inserted as (
         insert into core.events (id, org_id, user_id, idempotency_key, event_type, tool, occurred_at, payload, created_at)
         select gen_random_uuid(), ?, ?, r.idempotency_key, r.event_type, r.tool, r.occurred_at, r.payload, now()
         from rows from (jsonb_to_recordset(?::jsonb)
             as (idempotency_key text, event_type text, tool text, occurred_at timestamptz, payload jsonb))
           with ordinality as r(idempotency_key, event_type, tool, occurred_at, payload, position)
         order by r.position
         on conflict (org_id, idempotency_key) do nothing
         returning id, idempotency_key, seq
       ), outboxed as (
         insert into core.event_outbox (event_ids) select array_agg(id order by seq) from inserted having count(*) > 0
       )
       select id, idempotency_key from inserted`,
      [orgId, userId, JSON.stringify(records)],
    );
    return rows.map(storedKeyFromRow);
  }

  /** The ids stored under `keys` (those that exist). */
  async findIdsByIdempotencyKeys(orgId: string, keys: string[]): Promise<StoredKey[]> {
    if (keys.length === 0) return [];
    const rows = await executeBound<StoredKeyRow>(
      this.em,
      'select id, idempotency_key from core.events where org_id = ? and idempotency_key = any(?::text[])',
      [orgId, keys],
    );
    return rows.map(storedKeyFromRow);
  }

  async findByIds(orgId: string, ids: readonly string[]): Promise<Event[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.em.execute<EventRow[]>('select * from core.events where org_id = ? and id in (?)', [orgId, valid]);
    return rows.map(this.fromRow);
  }

  /** Newest first, strictly after `position` (the `(occurredAt, id)` of the last row seen); fetches `limit` rows. */
  async page(orgId: string, filter: EventFilter, limit: number, position?: TimeIdPosition): Promise<Event[]> {
    const where = ['org_id = ?'];
    const params: unknown[] = [orgId];
    if (filter.eventType !== undefined) {
      where.push('event_type = ?');
      params.push(filter.eventType);
    }
    if (filter.tool !== undefined) {
      where.push('tool = ?');
      params.push(filter.tool);
    }
    if (filter.from !== undefined) {
      where.push('occurred_at >= ?');
      params.push(filter.from.toISOString());
    }
    if (filter.to !== undefined) {
      where.push('occurred_at < ?');
      params.push(filter.to.toISOString());
    }
    if (position) {
      where.push('(occurred_at, id) < (?::timestamptz, ?::uuid)');
      params.push(position.at.toISOString(), position.id);
    }
    params.push(limit);
    const rows = await this.em.execute<EventRow[]>(
      `select * from core.events where ${where.join(' and ')} order by occurred_at desc, id desc limit ?`,
      params,
    );
    return rows.map(this.fromRow);
  }
}
