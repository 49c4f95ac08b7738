import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { INTERNAL_EVENTS_PATH, internalEventsRequest, type InternalEventInput, type InternalEventsResponse } from '@flowgraph/contracts';
import { createLogger, internalRoute, loadConfig, type Identity } from '@flowgraph/kernel';

export interface CoreEventsStandIn {
  origin: string;
  /** Events recorded, with whom each was attributed to; a repeated idempotency key is not recorded again. */
  events: { identity: Identity; event: InternalEventInput }[];
  close(): Promise<void>;
}

/** Core's `POST /internal/events` as the contract describes it, signed like the real one, once per idempotency key. */
export async function startCoreEventsStandIn(): Promise<CoreEventsStandIn> {
  const events: CoreEventsStandIn['events'] = [];
  const app = express();
  internalRoute({
    method: 'POST',
    path: INTERNAL_EVENTS_PATH,
    input: internalEventsRequest,
    identitySecret: loadConfig().IDENTITY_SECRET,
    logger: createLogger('core-stand-in', 'silent'),
    unsigned: 'A signed service identity is required',
    handle: async ({ identity, input }): Promise<InternalEventsResponse> => ({
      results: input.events.map((event, index) => {
        const duplicate = events.some((e) => e.identity.orgId === identity.orgId && e.event.idempotencyKey === event.idempotencyKey);
        if (!duplicate) events.push({ identity, event });
        return { index, status: duplicate ? 'DUPLICATE' : 'CREATED', eventId: randomUUID(), errors: null };
      }),
    }),
  })(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
