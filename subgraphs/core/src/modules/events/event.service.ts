import {
  paginate,
  requireRole,
  timeIdPosition,
  validationError,
  type Connection,
  type FieldError,
  type Identity,
  type PageArgs,
} from '@flowgraph/kernel';
import type { Event } from './event.entity';
import type { EventFilter, EventRepository, NewEvent } from './event.repository';
import { MAX_EVENTS_PER_CALL, validateEvent, type EventInput } from './event.validation';

export type IngestStatus = 'CREATED' | 'DUPLICATE' | 'INVALID';

/** One event's outcome; `EventIngestResult.event` reads the event by `eventId` when it is asked for. */
export interface IngestResult {
  index: number;
  status: IngestStatus;
  /** The stored event (for DUPLICATE, the one stored before); null when INVALID. */
  eventId: string | null;
  errors: FieldError[];
}

export interface IngestSummary {
  results: IngestResult[];
  createdCount: number;
  duplicateCount: number;
  invalidCount: number;
}

export interface EventFilterInput {
  eventType?: string | null;
  tool?: string | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

export class EventService {
  constructor(private readonly repository: EventRepository) {}

  /**
   * Stores the valid events of a batch once each: an idempotency key seen before (in an earlier
   * call or earlier in this batch) reports DUPLICATE with the stored event; invalid items are
   * reported with their errors and do not stop the others.
   */
  async ingest(identity: Identity, inputs: EventInput[]): Promise<IngestSummary> {
    const caller = requireRole(identity, 'member', 'events:write');
    if (inputs.length > MAX_EVENTS_PER_CALL) {
      throw validationError([{ field: 'events', message: `At most ${MAX_EVENTS_PER_CALL} events per call (got ${inputs.length})` }]);
    }
    // Flowgraph's own processes (the notify step) record platform events; clients may not.
    const platform = identity.authMethod === 'service';
    const now = Date.now();
    const checked = inputs.map((input) => validateEvent(input, now, { platform }));
    const unique = new Map<string, NewEvent>();
    for (const item of checked) {
      if ('event' in item && !unique.has(item.event.idempotencyKey)) unique.set(item.event.idempotencyKey, item.event);
    }

    const created = await this.repository.insertNew(caller.orgId, caller.userId, [...unique.values()]);
    const createdByKey = new Map(created.map((e) => [e.idempotencyKey, e.id]));
    const storedBefore = [...unique.keys()].filter((key) => !createdByKey.has(key));
    const storedByKey = new Map(
      (await this.repository.findIdsByIdempotencyKeys(caller.orgId, storedBefore)).map((e) => [e.idempotencyKey, e.id]),
    );

    const reported = new Set<string>();
    const results = checked.map((item, index): IngestResult => {
      if ('errors' in item) return { index, status: 'INVALID', eventId: null, errors: item.errors };
      const key = item.event.idempotencyKey;
      const fresh = createdByKey.get(key);
      // Only the first occurrence of a new key counts as created; repeats in the batch are duplicates.
      const status: IngestStatus = fresh && !reported.has(key) ? 'CREATED' : 'DUPLICATE';
      reported.add(key);
      return { index, status, eventId: fresh ?? storedByKey.get(key) ?? null, errors: [] };
    });
    return {
      results,
      createdCount: created.length,
      duplicateCount: results.filter((r) => r.status === 'DUPLICATE').length,
      invalidCount: results.filter((r) => r.status === 'INVALID').length,
    };
  }

  list(identity: Identity, args: PageArgs & { filter?: EventFilterInput | null }): Promise<Connection<Event>> {
    const caller = requireRole(identity, 'viewer', 'events:read');
    const filter = checkFilter(args.filter ?? {});
    return paginate(args, {
      order: 'events:OCCURRED_AT:DESC',
      keyOf: (e) => [e.occurredAt.toISOString(), e.id],
      position: timeIdPosition,
      firstRows: (count) => this.repository.page(caller.orgId, filter, count),
      rowsAfter: (count, position) => this.repository.page(caller.orgId, filter, count, position),
    });
  }
}

function checkFilter(input: EventFilterInput): EventFilter {
  const errors: FieldError[] = [];
  const filter: EventFilter = {};
  if (input.eventType != null) filter.eventType = input.eventType.trim().toLowerCase();
  if (input.tool != null) filter.tool = input.tool.trim().toLowerCase();
  for (const bound of ['from', 'to'] as const) {
    const value = input[bound];
    if (value == null) continue;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) errors.push({ field: `filter.${bound}`, message: 'Must be a date-time' });
    else filter[bound] = date;
  }
  if (filter.from && filter.to && filter.from >= filter.to) {
    errors.push({ field: 'filter.to', message: 'Must be after filter.from' });
  }
  if (errors.length > 0) throw validationError(errors);
  return filter;
}
