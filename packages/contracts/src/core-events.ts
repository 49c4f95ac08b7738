import { z } from 'zod';

/** Core's `POST /internal/events`: a workflow's notify step records events like `ingestEvents`, once per idempotency key. */
export const INTERNAL_EVENTS_PATH = '/internal/events';

/** Shape only; the event rules themselves (sizes, names, dates) are Core's, per item. */
export const internalEventsRequest = z.object({
  events: z.array(
    z.object({
      idempotencyKey: z.string(),
      eventType: z.string(),
      tool: z.string(),
      occurredAt: z.string(),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
});

export type InternalEventsRequest = z.infer<typeof internalEventsRequest>;
export type InternalEventInput = InternalEventsRequest['events'][number];

/** One event's outcome, by its index in the request (a repeat answers DUPLICATE with the first event's id). */
export const internalEventResult = z.object({
  index: z.number().int(),
  status: z.enum(['CREATED', 'DUPLICATE', 'INVALID']),
  eventId: z.string().nullable(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).nullable(),
});

export const internalEventsResponse = z.object({ results: z.array(internalEventResult) });

export type InternalEventResult = z.infer<typeof internalEventResult>;
export type InternalEventsResponse = z.infer<typeof internalEventsResponse>;
