import { requireRole, requireUser } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import { scopes } from '../../scopes';

export const organizationResolvers: Resolvers = {
  Query: {
    currentOrganization: (_parent, _args, ctx) => {
      const caller = requireRole(ctx.identity, 'viewer', scopes.organizationRead);
      return ctx.loaders.organizations.byId.load(caller.orgId);
    },
    // The current organization and the others the caller belongs to; checked here and by RLS.
    organization: async (_parent, { id }, ctx) => {
      const caller = requireRole(ctx.identity, 'viewer', scopes.organizationRead);
      const own = await ctx.loaders.memberships.byUser.load(caller.userId);
      if (id !== caller.orgId && !own.some((m) => m.orgId === id)) return null;
      return ctx.loaders.organizations.byId.load(id);
    },
  },
  Mutation: {
    createOrganization: async (_parent, { input }, ctx) => ({ organization: await ctx.organizations.create(ctx.identity, input) }),
    updateOrganization: async (_parent, { input }, ctx) => ({ organization: await ctx.organizations.update(ctx.identity, input) }),
  },
  Organization: {
    __resolveReference: (ref, ctx) => {
      requireUser(ctx.identity);
      return ctx.loaders.organizations.byId.load(ref.id);
    },
  },
};
