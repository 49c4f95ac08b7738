import { dateTimeScalar } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { workflowResolvers } from './modules/workflows/workflow.resolver';

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  ...workflowResolvers,
};
