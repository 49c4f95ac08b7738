import { auditedMutations, dateTimeScalar } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { integrationResolvers } from './modules/integrations/integration.resolver';

/** Every mutation that succeeds is audited (see auditedMutations). */
export const resolvers: Resolvers = auditedMutations<Resolvers>(
  {
    DateTime: dateTimeScalar,
    ...integrationResolvers,
  },
  { area: 'integration', schema: 'integration' },
);
