import { z } from 'zod';
import { isUuid, type StreamEntry } from '@flowgraph/kernel';
import { extractEventAttributes, type EventAttributeKey } from './event-attributes';

/** An event as Analytics keeps it (analytics.events). */
export interface CopiedEvent {
  id: string;
  orgId: string;
  userId: string | null;
  tool: string;
  eventType: string;
  occurredAt: Date;
  /** Core's ingestion number: the order of events of the same instant (null: an entry from before Core sent it). */
  seq?: number | null;
  attributes: Partial<Record<EventAttributeKey, string>>;
}

// Tool and event type follow Core's rules (lower case, no '/' or '>', which the pattern key uses as separators).
const uuid = z.string().refine(isUuid, 'not a UUID');
const entryFields = z.object({
  id: uuid,
  orgId: uuid,
  userId: z.union([z.literal(''), uuid]).default(''),
  tool: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/),
  eventType: z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,99}$/),
  occurredAt: z.iso.datetime({ offset: true }),
  payload: z.string().default('{}'),
  seq: z.string().regex(/^\d{1,15}$/).optional(),
});

/** Parses one stream entry; null when it is malformed (the consumer logs and drops it). */
export function parseStreamEntry(entry: StreamEntry): CopiedEvent | null {
  const parsed = entryFields.safeParse(entry.fields);
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
    occurredAt: new Date(occurredAt),
    seq: seq === undefined ? null : Number(seq),
    attributes: extractEventAttributes(payload),
  };
}
