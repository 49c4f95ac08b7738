import type { Resolvers } from '../../generated/graphql';

export const reportResolvers: Resolvers = {
  Query: {
    organizationReport: (_parent, { from, to }, ctx) => ctx.reporting.organizationReport(ctx.identity, from, to),
  },
  Mutation: {
    refreshOrganizationReport: async (_parent, { from, to }, ctx) => ({
      report: await ctx.reporting.refreshOrganizationReport(ctx.identity, from, to),
    }),
  },
};
