import { PLATFORM_TOOL } from '@flowgraph/contracts';
import type { FieldError } from '@flowgraph/kernel';
import type { NewEvent } from './event.repository';
import { PLATFORM_KEY_PREFIX } from './platform-events';

export const MAX_EVENTS_PER_CALL = 1000;
export const MAX_PAYLOAD_BYTES = 16 * 1024;
const MAX_IDEMPOTENCY_KEY = 200;
const EVENT_TYPE = /^[a-z0-9][a-z0-9_.:-]{0,99}$/;
const TOOL = /^[a-z0-9][a-z0-9_.-]{0,49}$/;
/** Clocks drift; an event more than a day in the future is a client bug, not an event. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

export interface EventInput {
  idempotencyKey: string;
  eventType: string;
  tool: string;
  occurredAt: Date | string;
  payload: Record<string, unknown>;
}

/**
 * Checks one event; returns the normalised event, or the problems with it (field paths are per item).
 * Only Flowgraph's own processes (`platform`) may use the platform tool and key prefix, so a client
 * can neither forge a sign-up nor take the key of one before it happens.
 */
export function validateEvent(
  input: EventInput,
  now = Date.now(),
  options: { platform?: boolean } = {},
): { event: NewEvent } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const idempotencyKey = input.idempotencyKey.trim();
  if (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY) {
    errors.push({ field: 'idempotencyKey', message: `Must be 1 to ${MAX_IDEMPOTENCY_KEY} characters` });
  } else if (!options.platform && idempotencyKey.startsWith(PLATFORM_KEY_PREFIX)) {
    errors.push({ field: 'idempotencyKey', message: `Must not start with ${PLATFORM_KEY_PREFIX} (reserved for Flowgraph)` });
  }
  const eventType = input.eventType.trim().toLowerCase();
  if (!EVENT_TYPE.test(eventType)) {
    errors.push({ field: 'eventType', message: 'Must be 1 to 100 characters of a-z, 0-9, _ . : -' });
  }
  const tool = input.tool.trim().toLowerCase();
  if (!TOOL.test(tool)) {
    errors.push({ field: 'tool', message: 'Must be 1 to 50 characters of a-z, 0-9, _ . -' });
  } else if (!options.platform && tool === PLATFORM_TOOL) {
    errors.push({ field: 'tool', message: `Must not be ${PLATFORM_TOOL} (reserved for Flowgraph's own events)` });
  }
  const occurredAt = new Date(input.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) {
    errors.push({ field: 'occurredAt', message: 'Must be a date-time' });
  } else if (occurredAt.getTime() > now + MAX_FUTURE_MS) {
    errors.push({ field: 'occurredAt', message: 'Must not be more than 24 hours in the future' });
  }
  const payloadBytes = Buffer.byteLength(JSON.stringify(input.payload ?? {}), 'utf8');
  if (payloadBytes > MAX_PAYLOAD_BYTES) {
    errors.push({ field: 'payload', message: `Must be at most ${MAX_PAYLOAD_BYTES} bytes as JSON (got ${payloadBytes})` });
  }
  if (errors.length > 0) return { errors };
  return { event: { idempotencyKey, eventType, tool, occurredAt, payload: input.payload } };
}
