import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { INTERNAL_EVENTS_PATH, internalEventsRequest, type InternalEventInput, type InternalEventsResponse } from '@flowgraph/contracts';
import { createLogger, internalRoute, loadConfig, unavailable, type Identity } from '@flowgraph/kernel';

export interface CoreEventsStandIn {
  origin: string;
  /** Events recorded, with whom each was attributed to; a repeated idempotency key is not recorded again. */
  events: { identity: Identity; event: InternalEventInput }[];
  /** While true, answers 503 UNAVAILABLE, as Core does during an outage. */
  down: boolean;
  close(): Promise<void>;
}

/** Core's `POST /internal/events` as the contract describes it, signed like the real one, once per idempotency key. */
export async function startCoreEventsStandIn(): Promise<CoreEventsStandIn> {
  const events: CoreEventsStandIn['events'] = [];
  const firstIdByKey = new Map<string, string>();
  const app = express();
  internalRoute({
    method: 'POST',
    path: INTERNAL_EVENTS_PATH,
    input: internalEventsRequest,
    identitySecret: loadConfig().IDENTITY_SECRET,
    logger: createLogger('core-stand-in', 'silent'),
    unsigned: 'A signed service identity is required',
    handle: async ({ identity, input }): Promise<InternalEventsResponse> => {
      if (standIn.down) throw unavailable();
      return {
        results: input.events.map((event, index) => {
          // A repeat answers the first event's id, as Core does.
          const key = `${identity.orgId}:${event.idempotencyKey}`;
          const existing = firstIdByKey.get(key);
          if (existing) return { index, status: 'DUPLICATE', eventId: existing, errors: null };
          const eventId = randomUUID();
          firstIdByKey.set(key, eventId);
          events.push({ identity, event });
          return { index, status: 'CREATED', eventId, errors: null };
        }),
      };
    },
  })(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const standIn: CoreEventsStandIn = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    down: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return standIn;
}
