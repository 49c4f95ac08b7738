import type { Resolvers } from '../../generated/graphql';
import { fromGraphQLRole, toGraphQLRole } from '../../role.mapper';

export const apiKeyResolvers: Resolvers = {
  Query: {
    apiKeys: (_parent, _args, ctx) => ctx.apiKeys.list(ctx.identity),
  },
  Mutation: {
    createApiKey: (_parent, { input }, ctx) =>
      ctx.apiKeys.create(ctx.identity, { ...input, role: input.role ? fromGraphQLRole(input.role) : null }),
    revokeApiKey: async (_parent, { id }, ctx) => ({ apiKey: await ctx.apiKeys.revoke(ctx.identity, id) }),
  },
  ApiKey: {
    role: (apiKey) => toGraphQLRole(apiKey.role),
    createdBy: async (apiKey, _args, ctx) => {
      const user = await ctx.loaders.users.byId.load(apiKey.createdBy);
      if (!user) throw new Error('API key creator not visible');
      return user;
    },
  },
};
