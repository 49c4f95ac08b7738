import { auditedMutations, dateTimeScalar, jsonObjectScalar, mergeResolvers } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { connectorResolvers } from './modules/connectors/connector.resolver';
import { healthResolvers } from './modules/health/health.resolver';
import { integrationResolvers } from './modules/integrations/integration.resolver';
import { providerWebhooksResolvers } from './modules/provider-webhooks/provider-webhooks.resolver';

/** One entry per module; each module adds its own fields to Query, Mutation, Integration, … */
const parts: Resolvers[] = [integrationResolvers, connectorResolvers, providerWebhooksResolvers, healthResolvers];

/** Every mutation that succeeds is audited (see auditedMutations). */
export const resolvers: Resolvers = auditedMutations<Resolvers>(
  {
    DateTime: dateTimeScalar,
    JSONObject: jsonObjectScalar,
    ...mergeResolvers(parts),
  },
  { area: 'integration', schema: 'integration' },
);
