import type { Resolvers } from '../../generated/graphql';

export const providerWebhooksResolvers: Resolvers = {
  Mutation: {
    revealIntegrationWebhook: (_parent, { id }, ctx) => ctx.webhookSecrets.webhookSecret(ctx.identity, id),
    setIntegrationWebhookSecret: (_parent, { input }, ctx) => ctx.webhookSecrets.setWebhookSecret(ctx.identity, input.id, input.secret),
  },
};
