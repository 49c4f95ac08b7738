import type { Resolvers } from '../../generated/graphql';

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: (_parent, args, ctx) => ctx.audit.list(ctx.identity, args),
  },
  AuditEntry: {
    // Null when the actor has left the organization (RLS hides them) or was never known.
    actor: (entry, _args, ctx) => (entry.actorId ? ctx.loaders.users.byId.load(entry.actorId) : null),
    targetId: (entry) => entry.targetId ?? null,
    requestId: (entry) => entry.requestId ?? null,
  },
};
