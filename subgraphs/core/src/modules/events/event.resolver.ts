import { requireRole } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';

export const eventResolvers: Resolvers = {
  Query: {
    events: (_parent, args, ctx) => ctx.events.list(ctx.identity, args),
    event: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'events:read');
      return ctx.loaders.events.byId.load(id);
    },
  },
  Mutation: {
    ingestEvents: (_parent, { events }, ctx) => ctx.events.ingest(ctx.identity, events),
  },
  EventIngestResult: {
    // Read only when asked for, all of a batch's in one query (the loader); counts need none.
    event: (result, _args, ctx) => (result.eventId ? ctx.loaders.events.byId.load(result.eventId) : null),
  },
  Event: {
    __resolveReference: (ref, ctx) => {
      requireRole(ctx.identity, 'viewer', 'events:read');
      return ctx.loaders.events.byId.load(ref.id);
    },
    user: (event, _args, ctx) => (event.userId ? ctx.loaders.users.byId.load(event.userId) : null),
  },
};
