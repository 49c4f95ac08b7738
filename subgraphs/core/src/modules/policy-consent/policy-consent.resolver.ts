import type { Resolvers } from '../../generated/graphql';
import { toGraphQLRole } from '../../role.mapper';

export const policyConsentResolvers: Resolvers = {
  Query: {
    policyConsent: (_parent, _args, ctx) => ctx.policyConsent.consentOf(ctx.identity),
  },
  Mutation: {
    acceptPolicies: async (_parent, { input }, ctx) => {
      const result = await ctx.policyConsent.accept(ctx.identity, input);
      return { ...result, role: toGraphQLRole(result.role) };
    },
  },
};
