import { z } from 'zod';
import { isUuid } from '@flowgraph/kernel';

/**
 * Core's event stream: Core's relay publishes every stored event once or more (consumers dedupe
 * on the id); Workflow's event triggers and Analytics' event copy read it, each in its own
 * consumer group.
 */
export const eventStreamKey = (redisPrefix: string) => `${redisPrefix}:events`;

/** The tool of Flowgraph's own events (e.g. `workflow.notification`): Core reserves it; Analytics stores them for reports and never mines them. */
export const PLATFORM_TOOL = 'flowgraph';

/** One entry's fields, as strings (Redis streams store strings only). */
export interface EventStreamFields {
  id: string;
  orgId: string;
  /** '' when the event has no user. */
  userId: string;
  tool: string;
  eventType: string;
  /** ISO-8601. */
  occurredAt: string;
  /** JSON text. */
  payload: string;
  /** The ingestion number: events of one instant in the order they were sent (absent from entries written before it existed). */
  seq: string;
}

/** An event as it travels on the stream, decoded. */
export interface StreamEvent {
  id: string;
  orgId: string;
  userId: string | null;
  tool: string;
  eventType: string;
  /** ISO-8601, as Core wrote it. */
  occurredAt: string;
  payload: unknown;
  /** Null for an entry written before Core sent it. */
  seq: number | null;
}

/** The fields Core publishes for `event`; `payloadJson` is the payload when it is JSON text already (as Postgres returns it). */
export function encodeStreamEvent(
  event: Omit<StreamEvent, 'seq' | 'payload'> & { seq: number | string } & ({ payload: unknown } | { payloadJson: string }),
): EventStreamFields {
  return {
    id: event.id,
    orgId: event.orgId,
    userId: event.userId ?? '',
    tool: event.tool,
    eventType: event.eventType,
    occurredAt: event.occurredAt,
    payload: 'payloadJson' in event ? event.payloadJson : JSON.stringify(event.payload ?? {}),
    seq: String(event.seq),
  };
}

const uuid = z.string().refine(isUuid, 'not a UUID');
const fieldsSchema = z.object({
  id: uuid,
  orgId: uuid,
  userId: z.union([z.literal(''), uuid]).default(''),
  tool: z.string().min(1),
  eventType: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  payload: z.string().default('{}'),
  seq: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
});

/** One entry's fields decoded (ids in lower case); null when malformed, which consumers log and drop. */
export function parseStreamEvent(fields: Record<string, string>): StreamEvent | null {
  const parsed = fieldsSchema.safeParse(fields);
  if (!parsed.success) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(parsed.data.payload);
  } catch {
    return null;
  }
  const { id, orgId, userId, tool, eventType, occurredAt, seq } = parsed.data;
  return {
    id: id.toLowerCase(),
    orgId: orgId.toLowerCase(),
    userId: userId === '' ? null : userId.toLowerCase(),
    tool,
    eventType,
    occurredAt,
    payload,
    seq: seq === undefined ? null : Number(seq),
  };
}
