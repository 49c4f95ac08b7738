import { pageSize, requireRole, toConnection } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import type { Pattern } from './pattern.entity';
import { trendDirection } from './pattern-trend';

const cursorOf = (pattern: Pattern) => [pattern.support, pattern.id];

export const patternResolvers: Resolvers = {
  Query: {
    pattern: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'patterns:read');
      return ctx.loaders.patterns.byId.load(id);
    },
  },
  Pattern: {
    __resolveReference: (ref, ctx) => {
      requireRole(ctx.identity, 'viewer', 'patterns:read');
      return ctx.loaders.patterns.byId.load(ref.id);
    },
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
    patterns: async (user, { first, after }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'patterns:read');
      const limit = pageSize(first);
      const rows = after
        ? await ctx.patterns.pageByUser(user.id, limit + 1, after)
        : await ctx.loaders.patterns.firstPageByUser(limit).load(user.id);
      return toConnection(rows, limit, cursorOf, Boolean(after));
    },
  },
};
