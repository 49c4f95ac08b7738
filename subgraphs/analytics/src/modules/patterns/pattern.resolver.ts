import type { Resolvers } from '../../generated/graphql';
import { trendDirection } from './pattern-trend';

export const patternResolvers: Resolvers = {
  Query: {
    pattern: (_parent, { id }, ctx) => ctx.patterns.byId(ctx.identity, id),
  },
  Pattern: {
    __resolveReference: (ref, ctx) => ctx.patterns.byId(ctx.identity, ref.id),
    user: (pattern) => ({ id: pattern.userId }),
    active: (pattern) => pattern.active,
    examples: (pattern) => pattern.examples ?? [],
    // Counts of the mining that stored the row; the direction rule is in pattern-trend.ts.
    trend: (pattern) => ({
      direction: trendDirection(pattern),
      lastWeek: pattern.supportLastWeek,
      previousWeek: pattern.supportPreviousWeek,
    }),
  },
  User: {
    patterns: (user, args, ctx) => ctx.patterns.listForUser(ctx.identity, user.id, args),
  },
};
