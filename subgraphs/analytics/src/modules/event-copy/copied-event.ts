import { parseStreamEvent } from '@flowgraph/contracts';
import type { StreamEntry } from '@flowgraph/kernel';
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
const TOOL = /^[a-z0-9][a-z0-9_.-]{0,49}$/;
const EVENT_TYPE = /^[a-z0-9][a-z0-9_.:-]{0,99}$/;

/** Parses one stream entry; null when it is malformed (the consumer logs and drops it). */
export function parseStreamEntry(entry: StreamEntry): CopiedEvent | null {
  const event = parseStreamEvent(entry.fields);
  if (!event || !TOOL.test(event.tool) || !EVENT_TYPE.test(event.eventType)) return null;
  const { id, orgId, userId, tool, eventType, occurredAt, seq, payload } = event;
  return { id, orgId, userId, tool, eventType, occurredAt: new Date(occurredAt), seq, attributes: extractEventAttributes(payload) };
}
