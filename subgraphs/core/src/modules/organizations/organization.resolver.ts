import { requireRole, requireUser } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import { scopes } from '../../scopes';

export const organizationResolvers: Resolvers = {
  Query: {
    currentOrganization: (_parent, _args, ctx) => {
      const caller = requireRole(ctx.identity, 'viewer', scopes.organizationRead);
      return ctx.loaders.organizations.byId.load(caller.orgId);
    },
    organization: (_parent, { id }, ctx) => ctx.organizations.get(ctx.identity, id),
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
