import { notFound, validationError } from '@flowgraph/kernel';
import type { IntegrationHealthStatus, Resolvers } from '../../generated/graphql';
import { MAX_HEALTH_HISTORY } from './health.context';
import type { HealthStatus } from './health-status';

const statusToGraphQL = (status: HealthStatus) => status.toUpperCase() as IntegrationHealthStatus;

export const healthResolvers: Resolvers = {
  Integration: {
    health: (integration) => (integration.healthStatus ? statusToGraphQL(integration.healthStatus) : null),
    healthError: (integration) => integration.healthError ?? null,
    healthCheckedAt: (integration) => integration.healthCheckedAt ?? null,
    healthHistory: async (integration, { first }, ctx) => {
      const count = first ?? MAX_HEALTH_HISTORY;
      if (!Number.isInteger(count) || count < 0 || count > MAX_HEALTH_HISTORY) {
        throw validationError([{ field: 'first', message: `Must be between 0 and ${MAX_HEALTH_HISTORY}` }]);
      }
      const checks = await ctx.healthHistory.load(integration.id);
      return checks.slice(0, count).map((check) => ({ ...check, status: statusToGraphQL(check.status) }));
    },
  },
  Mutation: {
    testIntegration: async (_parent, { id }, ctx) => {
      const result = await ctx.health.checkNow(ctx.identity, id);
      const integration = result ? await ctx.integrations.byId(ctx.identity, id) : null;
      if (!result || !integration) throw notFound('Integration');
      return {
        integration,
        check: { status: statusToGraphQL(result.status), error: result.error, durationMs: result.durationMs, checkedAt: result.checkedAt },
      };
    },
  },
};
