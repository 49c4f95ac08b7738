import { requireRole } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import { providerFromGraphQL, providerToGraphQL } from './integration-provider';

export const integrationResolvers: Resolvers = {
  Query: {
    integration: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'integrations:read');
      return ctx.loaders.integrations.byId.load(id);
    },
  },
  Mutation: {
    connectIntegration: async (_parent, { input }, ctx) => ({
      integration: await ctx.integrations.connect(ctx.identity, {
        provider: providerFromGraphQL(input.provider),
        displayName: input.displayName,
      }),
    }),
  },
  Integration: {
    __resolveReference: (ref, ctx) => {
      requireRole(ctx.identity, 'viewer', 'integrations:read');
      return ctx.loaders.integrations.byId.load(ref.id);
    },
    provider: (integration) => providerToGraphQL(integration.provider),
    owner: (integration) => ({ id: integration.userId }),
  },
  User: {
    integrations: (user, _args, ctx) => {
      requireRole(ctx.identity, 'viewer', 'integrations:read');
      return ctx.loaders.integrations.byUser.load(user.id);
    },
  },
};
