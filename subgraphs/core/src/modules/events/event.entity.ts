import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Something that happened in a connected tool, stored once per (organization, idempotency key). */
export const EventEntity = defineEntity({
  name: 'Event',
  tableName: 'core.events',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    userId: p.uuid().nullable(),
    idempotencyKey: p.text(),
    eventType: p.text(),
    tool: p.text(),
    occurredAt: p.datetime(3),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(3),
  },
});

export type Event = InferEntity<typeof EventEntity>;
