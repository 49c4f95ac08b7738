import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { INTERNAL_EVENTS_PATH, internalEventsRequest, type InternalEventsResponse } from '@flowgraph/contracts';
import { inScopedTransaction, internalRoute, type Logger } from '@flowgraph/kernel';
import { EventRepository } from './event.repository';
import { EventService } from './event.service';

export interface InternalEventsRouteOptions {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
  /** Largest body; the same as `/graphql`'s, since both carry up to 1,000 events. */
  bodyLimit: string;
}

/**
 * `POST /internal/events` `{ events: [...] }` for other Flowgraph processes (a workflow's notify
 * step): stores them like `ingestEvents`, once per idempotency key, and answers 200
 * `{ results: [{ index, status, eventId, errors }] }`. Only a signed `service` identity acting in
 * an organization is accepted; anything else is 401.
 */
export function internalEventsRoute(options: InternalEventsRouteOptions) {
  return internalRoute({
    method: 'POST',
    path: INTERNAL_EVENTS_PATH,
    input: internalEventsRequest,
    identitySecret: options.identitySecret,
    logger: options.logger,
    bodyLimit: options.bodyLimit,
    unsigned: 'A signed service identity is required',
    refuse: (identity) =>
      identity.authMethod !== 'service' || !identity.orgId || !identity.userId ? 'A signed service identity is required' : null,
    handle: async ({ identity, input }): Promise<InternalEventsResponse> => {
      const root = options.orm.em as EntityManager;
      const summary = await inScopedTransaction(root, { orgId: identity.orgId!, userId: identity.userId! }, (em) =>
        new EventService(new EventRepository(em)).ingest(identity, input.events),
      );
      return {
        results: summary.results.map((r) => ({ index: r.index, status: r.status, eventId: r.eventId, errors: r.errors })),
      };
    },
  });
}
