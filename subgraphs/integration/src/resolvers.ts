import { dateTimeScalar } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { integrationResolvers } from './modules/integrations/integration.resolver';

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  ...integrationResolvers,
};
