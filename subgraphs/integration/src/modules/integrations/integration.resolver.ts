import type { Resolvers } from '../../generated/graphql';
import { providerFromGraphQL, providerToGraphQL } from './integration-provider';

export const integrationResolvers: Resolvers = {
  Query: {
    integration: (_parent, { id }, ctx) => ctx.integrations.byId(ctx.identity, id),
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
    __resolveReference: (ref, ctx) => ctx.integrations.byId(ctx.identity, ref.id),
    provider: (integration) => providerToGraphQL(integration.provider),
    owner: (integration) => ({ id: integration.userId }),
  },
  User: {
    integrations: (user, _args, ctx) => ctx.integrations.listForUser(ctx.identity, user.id),
  },
};
