import type { IntegrationStatus as IntegrationStatusValue, Resolvers } from '../../generated/graphql';
import type { IntegrationStatus } from './integration.entity';
import { providerFromGraphQL, providerToGraphQL } from './integration-provider';

const statusFromGraphQL = (status: IntegrationStatusValue) => status.toLowerCase() as IntegrationStatus;

export const integrationResolvers: Resolvers = {
  Query: {
    integration: (_parent, { id }, ctx) => ctx.integrations.byId(ctx.identity, id),
    integrations: (_parent, { first, after, connector, status }, ctx) =>
      ctx.integrations.list(
        ctx.identity,
        { provider: connector ? providerFromGraphQL(connector) : undefined, status: status ? statusFromGraphQL(status) : undefined },
        { first, after },
      ),
  },
  Mutation: {
    connectIntegration: (_parent, { input }, ctx) =>
      ctx.integrations.connect(ctx.identity, {
        provider: providerFromGraphQL(input.provider),
        displayName: input.displayName,
        credentials: input.credentials,
      }),
    updateIntegrationCredentials: async (_parent, { input }, ctx) => ({
      integration: await ctx.integrations.updateCredentials(ctx.identity, input.id, input.credentials),
    }),
    disconnectIntegration: async (_parent, { id }, ctx) => ({ integration: await ctx.integrations.disconnect(ctx.identity, id) }),
  },
  Integration: {
    __resolveReference: (ref, ctx) => ctx.integrations.byId(ctx.identity, ref.id),
    provider: (integration) => providerToGraphQL(integration.provider),
    status: (integration) => integration.status.toUpperCase() as IntegrationStatusValue,
    owner: (integration) => ({ id: integration.userId }),
  },
  User: {
    integrations: (user, _args, ctx) => ctx.integrations.listForUser(ctx.identity, user.id),
  },
};
