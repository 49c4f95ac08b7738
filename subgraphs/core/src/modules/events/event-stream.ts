/**
 * The Redis stream every stored event is published to (by the relay in the Core worker). Other
 * subgraphs read it with their own consumer group; entry fields: id, orgId, userId, tool,
 * eventType, occurredAt (ISO-8601), payload (JSON text), seq (the ingestion number: events of
 * one instant in the order they were sent; absent from entries written before it existed).
 */
export const eventStreamKey = (redisPrefix: string) => `${redisPrefix}:events`;

/** One stream entry's fields, as strings (Redis streams store strings only). */
export interface EventStreamFields {
  id: string;
  orgId: string;
  userId: string;
  tool: string;
  eventType: string;
  occurredAt: string;
  payload: string;
  seq: string;
}
