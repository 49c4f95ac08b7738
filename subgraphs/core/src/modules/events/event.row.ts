import type { Platform } from '@mikro-orm/core';
import type { Event } from './event.entity';

/**
 * A `core.events` row as `em.execute` returns it: jsonb parsed, timestamps still Postgres text
 * (MikroORM's pg type parsers leave them to the platform). The other column (`seq`) is
 * not read.
 */
export interface EventRow {
  id: string;
  org_id: string;
  user_id: string | null;
  idempotency_key: string;
  event_type: string;
  tool: string;
  occurred_at: string;
  payload: Record<string, unknown>;
  created_at: string;
}

/**
 * An event as reads return it: a plain object of the entity's shape, not a managed entity.
 * Hydrating pages with `em.map` was most of the ORM's CPU on `events(first: 50)`
 * (docs/decisions/0026); the application never updates an event, so nothing needs one managed.
 * Timestamps are parsed by the platform, as `em.map` parses them.
 */
export function eventFromRow(row: EventRow, platform: Platform): Event {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    idempotencyKey: row.idempotency_key,
    eventType: row.event_type,
    tool: row.tool,
    occurredAt: platform.parseDate(row.occurred_at),
    payload: row.payload,
    createdAt: platform.parseDate(row.created_at),
  };
}
