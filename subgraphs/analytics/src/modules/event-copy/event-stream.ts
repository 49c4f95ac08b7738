/**
 * Core's event stream (Core's event-stream.ts publishes it): one entry per stored event, at
 * least once. Fields (strings): id, orgId, userId ('' when none), tool, eventType, occurredAt
 * (ISO-8601), payload (JSON text), seq (Core's ingestion number; entries written before Core
 * sent it have none).
 */
export const eventStreamKey = (redisPrefix: string) => `${redisPrefix}:events`;

/** Analytics' consumer group on that stream, created from its start so the history is read once. */
export const ANALYTICS_CONSUMER_GROUP = 'analytics';

/** Platform events (written by Flowgraph itself, e.g. `workflow.notification`): stored for reports, never mined. */
export const PLATFORM_TOOL = 'flowgraph';
